"""Intake: every source (SMTP, LMTP, IMAP, import) hands raw bytes here.

Two jobs, both quick: say whether a recipient is ours (at RCPT time), and store
the raw message durably, one row per target community, before the source
acknowledges it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from parsers.headers import header_message_id
from wall_store.blobs import put_blob
from wall_store.models import (
    Channel,
    Community,
    Mapping,
    MessageSource,
    MessageStatus,
    OutboxMessage,
    Post,
    RawMessage,
)
from wall_store.reasons import Reason
from wall_store.tokens import read_bounce_token, read_moderation_token, read_reply_token


@dataclass(frozen=True)
class Target:
    """Where a delivery goes: a community, maybe a channel, maybe the post a token names.

    A bounce of our own mail goes to no community (`community_id` None): it names
    the outbox row it reports on (`reply_token` "bounce:TOKEN"). Nor does mail to
    postmaster@ or abuse@ (`reply_token` "operators:postmaster"), which is for the operators.
    """

    community_id: int | None
    channel_id: int | None = None
    reply_token: str | None = None
    mapping_id: int | None = None


@dataclass(frozen=True)
class Refusal:
    reason: Reason

    @property
    def smtp(self) -> str:
        return self.reason.smtp or "550 5.1.1 Refused"


def resolve_recipient(
    session: Session, address: str, *, domain: str, secret: bytes
) -> Target | Refusal:
    """Maps one envelope recipient to its target, or to the reason it is refused."""
    address = address.strip().strip("<>").lower()
    local, _, host = address.rpartition("@")
    if (local in OPERATOR_MAILBOXES and host == domain.lower()) or (
            not local and host == "postmaster"):
        # RFC 5321 4.5.1: postmaster (also bare, without a domain); abuse per RFC 2142.
        return Target(None, None, reply_token=OPERATORS_PREFIX + (local or host))
    if "@" not in address:
        return Refusal(Reason.UNKNOWN_RECIPIENT)
    base, plus, suffix = local.partition("+")
    if plus and base == "reply" and host == domain.lower():
        return _resolve_reply(session, suffix, secret)
    if plus and base == "moderate" and host == domain.lower():
        return _resolve_moderation(session, suffix, secret)
    if plus and base == "bounce" and host == domain.lower():
        return _resolve_bounce(session, suffix, secret)
    mapping = session.scalar(
        select(Mapping).where(Mapping.address == f"{base}@{host}", Mapping.enabled)
    )
    if mapping is None:
        return Refusal(Reason.UNKNOWN_RECIPIENT)
    community = session.get(Community, mapping.community_id)
    if community is None:
        return Refusal(Reason.UNKNOWN_RECIPIENT)
    if community.archived:
        return Refusal(Reason.COMMUNITY_ARCHIVED)
    channel_id = mapping.channel_id
    if plus:
        channel = session.scalar(
            select(Channel).where(Channel.community_id == community.id, Channel.slug == suffix)
        )
        if channel is None:
            return Refusal(Reason.UNKNOWN_RECIPIENT)
        channel_id = channel.id
    return Target(community.id, channel_id, mapping_id=mapping.id)


def _resolve_reply(session: Session, token: str, secret: bytes) -> Target | Refusal:
    parsed = read_reply_token(secret, token)
    if parsed is None:
        return Refusal(Reason.INVALID_REPLY_ADDRESS)
    post = session.get(Post, parsed.post_id)
    if post is None:
        return Refusal(Reason.INVALID_REPLY_ADDRESS)
    community = session.get(Community, post.community_id)
    if community is None:
        return Refusal(Reason.INVALID_REPLY_ADDRESS)
    if community.archived:
        return Refusal(Reason.COMMUNITY_ARCHIVED)
    return Target(community.id, post.thread.channel_id, reply_token=token.lower())


MODERATION_PREFIX = "moderate:"


def _resolve_moderation(session: Session, token: str, secret: bytes) -> Target | Refusal:
    """A manager answering a moderation notice: accepted for the held message's community;
    whether the answer counts is the pipeline's decision (it knows who wrote it)."""
    parsed = read_moderation_token(secret, token)
    held = session.get(RawMessage, parsed.raw_id) if parsed else None
    if held is None or held.community_id is None:
        return Refusal(Reason.INVALID_REPLY_ADDRESS)
    return Target(held.community_id, None, reply_token=MODERATION_PREFIX + token.lower())


BOUNCE_PREFIX = "bounce:"

# Mail for the people who run Mailwall (`reply_token` "operators:postmaster" or
# "operators:abuse", no community): the pipeline forwards it to them, never to a wall.
OPERATORS_PREFIX = "operators:"
OPERATOR_MAILBOXES = ("postmaster", "abuse")


def _resolve_bounce(session: Session, token: str, secret: bytes) -> Target | Refusal:
    """A report about mail we sent, to its VERP return path: accepted when the token is
    ours and names a mail we queued; the pipeline counts it and never posts it."""
    outbox_id = read_bounce_token(secret, token)
    if outbox_id is None or session.get(OutboxMessage, outbox_id) is None:
        return Refusal(Reason.INVALID_RETURN_PATH)
    return Target(None, None, reply_token=BOUNCE_PREFIX + token.lower())


def resolve_all(
    session: Session, recipients: Sequence[str], *, domain: str, secret: bytes
) -> tuple[list[Target], dict[str, Refusal]]:
    targets: list[Target] = []
    refusals: dict[str, Refusal] = {}
    for rcpt in recipients:
        outcome = resolve_recipient(session, rcpt, domain=domain, secret=secret)
        if isinstance(outcome, Refusal):
            refusals[rcpt] = outcome
        elif outcome not in targets:
            targets.append(outcome)
    return targets, refusals


def store_message(
    sessions: sessionmaker[Session],
    raw: bytes,
    *,
    source: MessageSource,
    envelope_from: str,
    envelope_to: Sequence[str],
    targets: Sequence[Target],
    message_id: str | None = None,
    imap_uidvalidity: int | None = None,
    imap_uid: int | None = None,
    peer_ip: str | None = None,
    authentication_results: str | None = None,
) -> list[int]:
    """Commits the raw bytes and one `received` row per target; returns the row ids.

    When this returns, the message survives any crash: only then may the
    source say `250` (or flag the IMAP message as seen).

    `peer_ip` is the SMTP/LMTP client's address: a trusted relay's mail counts as
    authenticated (gateway.authentication); `authentication_results` is Mailwall's own
    verdict when it verified the sender (gateway.verify).

    The Message-ID is read from the header block here (a regex, no MIME parse), so
    that a reply processed before its parent is applied can tell that the parent
    has arrived and is on its way (gateway.pipeline waits for it).
    """
    if message_id is None:
        message_id = header_message_id(raw)
    if message_id is not None:
        message_id = message_id[:998]
    with sessions() as session, session.begin():
        digest = put_blob(session, raw)
        rows = [
            RawMessage(
                source=source,
                status=MessageStatus.RECEIVED,
                envelope_from=envelope_from,
                envelope_to=list(envelope_to),
                blob_sha256=digest,
                size=len(raw),
                message_id=message_id,
                community_id=target.community_id,
                channel_id=target.channel_id,
                reply_token=target.reply_token,
                mapping_id=target.mapping_id,
                imap_uidvalidity=imap_uidvalidity,
                imap_uid=imap_uid,
                peer_ip=peer_ip[:64] if peer_ip else None,
                authentication_results=authentication_results,
            )
            for target in targets
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]
