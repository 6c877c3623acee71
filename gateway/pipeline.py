"""The pipeline: claim a raw message, parse, route, police, apply — one transaction to finish.

Crash anywhere and the next start finishes the work: the raw row is only
marked done in the transaction that writes what it became, and posts are
unique per (community, Message-ID), so a second run finds them and stops.
"""

from __future__ import annotations

import logging
import socket
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gateway import notices
from gateway.apply import Applier
from gateway.attachments import AttachmentRules
from gateway.authentication import LOOPBACK, DmarcFailure, Network, judge, relay_networks
from gateway.intake import BOUNCE_PREFIX, MODERATION_PREFIX, OPERATORS_PREFIX
from gateway.mentions import fold
from gateway.policy import Facts, decide
from parsers import OWN_HEADER, ParsedMail, parse
from parsers.dsn import read_dsn
from wall_store import bounces, outbox, queue, wall
from wall_store.base import utcnow
from wall_store.bounces import BounceRules
from wall_store.config import Config, ConfigError, DocumentsSection, PipelineSection
from wall_store.errors import InvalidInput, NotFound
from wall_store.models import (
    BounceKind,
    Community,
    Decision,
    DecisionChannel,
    MessageSource,
    OutboxMessage,
    Person,
    Post,
    RawMessage,
    Role,
    Thread,
    Visibility,
)
from wall_store.people import ensure_person, find_person, membership_of
from wall_store.reasons import Reason
from wall_store.tokens import read_bounce_token, read_moderation_token, read_reply_token
from wall_store.validation import normalize_address

log = logging.getLogger("mailwall.pipeline")

Parser = Callable[..., ParsedMail]


@dataclass(frozen=True)
class Settings:
    domain: str
    secret: bytes
    subject_window: timedelta = timedelta(days=30)
    max_attempts: int = 5
    retry_base: timedelta = timedelta(seconds=30)
    trusted_authserv_ids: tuple[str, ...] = ()
    # Networks whose mail counts as authenticated (see gateway.authentication).
    trusted_relays: tuple[Network, ...] = LOOPBACK
    notice_locale: str = "fr"
    lease: timedelta = timedelta(minutes=10)
    # A reply whose parent has arrived but is not on the wall yet waits, retried every
    # `parent_retry`, for at most `parent_wait` after it was received.
    parent_wait: timedelta = timedelta(minutes=5)
    parent_retry: timedelta = timedelta(seconds=2)
    # Messages claimed per claim transaction (each is still processed in its own).
    batch_size: int = 32
    # This node's name on its claims (see `queue.release_stale_claims`).
    node: str | None = None
    attachments: AttachmentRules = AttachmentRules.parse(DocumentsSection.blocked_extensions,
                                                         DocumentsSection.max_bytes)
    bounces: BounceRules = BounceRules()
    # Forwarded originals one message may turn into posts (each may bring a new person);
    # attached ones beyond it are kept as documents.
    max_originals: int = PipelineSection.max_originals_per_message
    # Where mail to postmaster@ and abuse@ goes (none: it is kept in the queue).
    operators: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        authserv_ids = tuple(
            p.strip() for p in config.policy.trusted_authserv_ids.split(",") if p.strip()
        )
        try:
            relays = relay_networks(config.policy.trusted_relays, authserv_ids)
        except ValueError as exc:
            raise ConfigError(f"[policy] trusted_relays: {exc}") from None
        return cls(
            domain=config.smtp.domain.lower(),
            secret=config.secret(),
            subject_window=timedelta(days=config.pipeline.subject_window_days),
            max_attempts=config.pipeline.max_attempts,
            retry_base=timedelta(seconds=config.pipeline.retry_base_seconds),
            trusted_authserv_ids=authserv_ids,
            trusted_relays=relays,
            notice_locale=config.policy.notice_locale,
            lease=timedelta(seconds=config.pipeline.claim_lease_seconds),
            node=config.pipeline.node_name or f"{socket.gethostname()}:{config.smtp.port}",
            parent_wait=timedelta(seconds=config.pipeline.parent_wait_seconds),
            attachments=AttachmentRules.parse(config.documents.blocked_extensions,
                                              config.documents.max_bytes),
            bounces=BounceRules.from_config(config),
            max_originals=config.pipeline.max_originals_per_message,
            operators=operator_addresses(config),
        )


def operator_addresses(config: Config) -> tuple[str, ...]:
    """`smtp.postmaster`, else `web.ops_addresses`: who reads mail to postmaster@/abuse@."""
    given = config.smtp.postmaster.strip() or config.web.ops_addresses
    return tuple(a.strip().lower() for a in given.split(",") if a.strip())


@dataclass(frozen=True)
class Route:
    """Where a message goes: a thread and the post it answers (None: a new thread), or
    `wait` for a parent on its way. `awaited` are the Message-IDs it names that are not on
    the wall, nearer than what placed it, with their rank (nearest parent highest)."""

    thread: Thread | None = None
    parent: Post | None = None
    wait: bool = False
    awaited: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Result:
    raw_id: int
    reason: Reason
    outcome: dict[str, Any]


class Pipeline:
    def __init__(
        self, sessions: sessionmaker[Session], settings: Settings, parser: Parser = parse
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.parser = parser

    # --- driving ----------------------------------------------------------------

    def run_once(self) -> Result | None:
        """Claims and processes one message; None when there is nothing to do."""
        results = self.run_batch(1)
        return results[0] if results else None

    def run_batch(self, limit: int | None = None) -> list[Result]:
        """Claims up to `limit` (default `batch_size`) messages in one transaction, then
        processes each in a transaction of its own; [] when there is nothing to do.

        One transaction per message, rather than one for the batch with a savepoint
        each, because on SQLite a write transaction holds the database's one write
        lock until it commits: intake (whose commit stands between a client and its
        `250`) waits for at most one message's writes, never for a batch's. A message
        that raises is recorded `failed` by `_fail` and the rest of the batch goes on.
        """
        with self.sessions() as session, session.begin():
            raw_ids = queue.claim_batch(session, lease=self.settings.lease,
                                        limit=limit or self.settings.batch_size,
                                        node=self.settings.node)
        return [self.process(raw_id) for raw_id in raw_ids]

    def drain(self, limit: int = 1_000_000) -> list[Result]:
        """Processes until nothing is claimable (failed messages wait for their backoff)."""
        results: list[Result] = []
        while len(results) < limit:
            batch = self.run_batch(min(self.settings.batch_size, limit - len(results)))
            if not batch:
                break
            results.extend(batch)
            if all(r.reason is Reason.WAITING_FOR_PARENT for r in batch):
                break  # only replies waiting for their parents: nothing to do right now
        return results

    def process(self, raw_id: int) -> Result:
        try:
            # One session for reading and writing. The reads (row and bytes in one
            # query) and the parse come before the first write, and SQLite takes its
            # write lock only at the first INSERT/UPDATE, so intake is not kept waiting
            # while we parse.
            with self.sessions() as session, session.begin():
                row, raw = queue.load_claimed(session, raw_id)
                parsed = self.parser(raw, received_at=row.received_at)
                if row.decision is Decision.REJECT:
                    # A manager's refusal (queue.decide_held): finished here, where
                    # the sender's notice is composed.
                    reason, outcome = Reason.MANAGER_REJECTED, _decided(row)
                elif row.reply_token and row.reply_token.startswith(BOUNCE_PREFIX):
                    reason, outcome = self._bounce(session, row, parsed, raw)
                elif row.reply_token and row.reply_token.startswith(OPERATORS_PREFIX):
                    reason, outcome = self._to_operators(session, row, parsed, raw)
                else:
                    reason, outcome = self._decide_and_apply(
                        session, row, parsed, row.decision is Decision.APPROVE,
                        may_wait=row.decision is None)
                if reason is Reason.WAITING_FOR_PARENT:
                    self._defer(row)
                else:
                    self._finish(session, row, parsed, reason, outcome)
            log.info("message %s: %s", raw_id, reason.code)
            return Result(raw_id, reason, outcome)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded, the queue flows on
            return self._fail(raw_id, exc)

    # --- deciding and applying ----------------------------------------------------

    def _decide_and_apply(
        self, session: Session, row: RawMessage, parsed: ParsedMail, approved: bool,
        *, may_wait: bool = True,
    ) -> tuple[Reason, dict[str, Any]]:
        community = session.get(Community, row.community_id) if row.community_id else None
        if community is None:
            return Reason.COMMUNITY_ARCHIVED, {"detail": "the community no longer exists"}
        if row.reply_token and row.reply_token.startswith(MODERATION_PREFIX):
            return self._moderation_answer(session, row, parsed, community)
        sender = parsed.sender
        bad_address = sender is not None and not _valid_address(sender.address)
        person = find_person(session, sender.address) if sender and not bad_address else None
        membership = membership_of(session, community.id, person.id) if person else None
        token = read_reply_token(self.settings.secret, row.reply_token) if row.reply_token else None
        authenticity = judge(
            source=row.source, peer_ip=row.peer_ip,
            from_address=sender.address if sender else "",
            results=parsed.headers.get("Authentication-Results", "").splitlines(),
            authserv_ids=self.settings.trusted_authserv_ids, relays=self.settings.trusted_relays,
            own_verdict=row.authentication_results,
        )
        facts = Facts(
            has_sender=sender is not None,
            # Only SMTP carries a real envelope; imports and IMAP have none to judge.
            empty_envelope_sender=row.envelope_from in ("", "<>")
            and row.source.value in ("smtp", "lmtp"),
            own_loop=parsed.own_loop is not None,
            bounce=parsed.bounce is not None,
            auto_reply=parsed.auto_reply is not None,
            list_mail=parsed.list_mail is not None,
            dmarc_failed=authenticity.dmarc is DmarcFailure.QUARANTINE,
            dmarc_reject=authenticity.dmarc is DmarcFailure.REJECT,
            authenticated=authenticity.authenticated,
            reply_token_owner=token is not None and person is not None
            and person.id == token.person_id,
            unauthenticated_policy=community.unauthenticated_policy,
            reply_token_other_sender=token is not None
            and (person is None or person.id != token.person_id),
            community_archived=community.archived,
            role=membership.role if membership else None,
            policy=community.nonmember_policy,
            imported=row.source is MessageSource.IMPORT,
            bad_sender_address=bad_address,
            empty=_empty(parsed),
        )
        if not approved:
            reason = decide(facts)
            if reason is not None:
                return reason, {"community": community.slug, "evidence": _evidence(parsed, reason),
                                "authentication": authenticity.basis}
        assert sender is not None  # decide() refuses a mail without one
        return self._apply(session, row, parsed, community, sender.address, sender.name,
                           token.post_id if token else None, approved, person,
                           may_wait=may_wait)

    def _moderation_answer(
        self, session: Session, row: RawMessage, parsed: ParsedMail, community: Community
    ) -> tuple[Reason, dict[str, Any]]:
        """`approve` or `reject` in answer to a moderation notice: a command, never a post."""
        if parsed.own_loop:
            return Reason.OWN_LOOP, {}
        if parsed.bounce or row.envelope_from in ("", "<>"):
            return Reason.BOUNCE, {}
        if parsed.auto_reply:
            return Reason.AUTO_REPLY, {}
        assert row.reply_token is not None
        token = read_moderation_token(self.settings.secret,
                                      row.reply_token[len(MODERATION_PREFIX):])
        person = find_person(session, parsed.sender.address) if parsed.sender else None
        membership = membership_of(session, community.id, person.id) if person else None
        if (token is None or person is None or person.id != token.person_id
                or membership is None or membership.role is not Role.MANAGER):
            return Reason.MODERATION_NOT_ALLOWED, {"community": community.slug}
        decision = moderation_decision(parsed.new_text)
        if decision is None:
            return Reason.MODERATION_NOT_UNDERSTOOD, {"community": community.slug}
        try:
            queue.decide_held(session, token.raw_id, decision, via=DecisionChannel.MAIL,
                              by=person.primary_address, by_person_id=person.id,
                              community_id=community.id)
        except NotFound:
            return Reason.MODERATION_ALREADY_DECIDED, {"held": token.raw_id}
        return Reason.MODERATION_APPLIED, {"community": community.slug, "held": token.raw_id,
                                           "decision": decision.value,
                                           "by": person.primary_address}

    def _bounce(
        self, session: Session, row: RawMessage, parsed: ParsedMail, raw: bytes
    ) -> tuple[Reason, dict[str, Any]]:
        """A report to the VERP return path of a mail we sent: counted against that
        mail's recipient (whatever address the report names), never posted, never
        answered. An RFC 3464 report counts by its worst `Action`/`Status`; anything
        else at a return path is a non-standard bounce, counted hard as Mailman does,
        unless it is an automatic reply."""
        assert row.reply_token is not None
        outbox_id = read_bounce_token(self.settings.secret, row.reply_token[len(BOUNCE_PREFIX):])
        mail = session.get(OutboxMessage, outbox_id) if outbox_id is not None else None
        if mail is None:
            return Reason.BOUNCE_NOT_COUNTED, {"detail": "the mail it reports on is gone"}
        about: dict[str, Any] = {"outbox": mail.id, "address": mail.recipient}
        report = read_dsn(raw)
        if report is None:
            if parsed.auto_reply is not None:
                return Reason.BOUNCE_NOT_COUNTED, {**about, "detail": "automatic reply"}
            severity: str | None = "hard"
            status, diagnostic = None, f"non-standard report: {parsed.subject}"[:500]
        else:
            severity, worst = report.severity, report.worst
            if severity is None or worst is None:
                actions = sorted({r.action or "?" for r in report.recipients})
                return Reason.BOUNCE_NOT_COUNTED, {**about, "actions": actions}
            status, diagnostic = worst.status or None, worst.diagnostic or None
        state = bounces.record_bounce(
            session, mail.recipient, BounceKind(severity), rules=self.settings.bounces,
            status=status, diagnostic=diagnostic, outbox_id=mail.id, raw_message_id=row.id)
        return Reason.BOUNCE_RECORDED, {**about, "kind": severity, "status": status,
                                        "score": state.score,
                                        "suppressed": state.suppressed_at is not None}

    def _to_operators(
        self, session: Session, row: RawMessage, parsed: ParsedMail, raw: bytes
    ) -> tuple[Reason, dict[str, Any]]:
        """Mail to postmaster@ or abuse@: forwarded, whole and attached, to each operator
        address through the outbox; kept in the queue when there is none, or when it is
        our own forward come back (an operator address that leads here again). Never
        answered, never posted, whatever it is (bounces and robots' mail included)."""
        assert row.reply_token is not None
        mailbox = row.reply_token[len(OPERATORS_PREFIX):]
        about: dict[str, Any] = {"mailbox": mailbox}
        if parsed.headers.get(OWN_HEADER, "").strip().startswith(notices.OPERATOR_FORWARD):
            return Reason.OPERATOR_MAIL_KEPT, {**about, "detail": "our own forward came back"}
        if not self.settings.operators:
            return Reason.OPERATOR_MAIL_KEPT, {**about, "detail": "no operator address"}
        forwarded = []
        for address in self.settings.operators:
            message = notices.compose_operator_forward(
                raw=raw, mailbox=f"{mailbox}@{self.settings.domain}", recipient=address,
                sender=formataddr(("Mailwall", f"mailwall@{self.settings.domain}")),
                original_from=_reply_address(parsed, row),
                subject=parsed.subject, raw_id=row.id, domain=self.settings.domain)
            queued = outbox.queue_mail(
                session, kind="postmaster", envelope_from="", recipient=address,
                subject=str(message["Subject"]),
                message_id=str(message["Message-ID"]).strip("<>"), raw=bytes(message))
            forwarded.append(queued.id)
        return Reason.OPERATOR_MAIL_FORWARDED, {**about, "to": list(self.settings.operators),
                                                "outbox": forwarded}

    def _apply(
        self,
        session: Session,
        row: RawMessage,
        parsed: ParsedMail,
        community: Community,
        address: str,
        name: str,
        token_post_id: int | None,
        approved: bool,
        known: Person | None = None,
        *,
        may_wait: bool = False,
    ) -> tuple[Reason, dict[str, Any]]:
        references = _ranked_references(parsed)
        # Before routing: a reply and its parent (or two replies by subject) processed
        # side by side are taken one after the other, so the second sees the first.
        subject = [SUBJECT_KEY + parsed.normalized_subject] if parsed.normalized_subject else []
        wall.lock_for_threading(session, community.id,
                                [parsed.message_id, *references, *subject])
        route = self._route(session, community, parsed, token_post_id, row,
                            references=references, may_wait=may_wait)
        for _ in range(3):
            # A reply applied at this moment may be moving the thread's posts elsewhere.
            if route.thread is None or wall.still_there(
                    session, route.thread.id, route.parent.id if route.parent else None):
                break
            session.expire_all()  # what was read before the lock may have moved
            route = self._route(session, community, parsed, token_post_id, row,
                                references=references, may_wait=may_wait)
        if route.wait:
            return Reason.WAITING_FOR_PARENT, {}
        author = ensure_person(session, address, name, known=known)
        applied = Applier(session, row, parsed, community, self.settings.attachments,
                          max_originals=self.settings.max_originals).apply(
            author, route.thread, route.parent, approved, awaited=route.awaited
        )
        return applied.reason, applied.outcome(community)

    def _route(
        self, session: Session, community: Community, parsed: ParsedMail,
        token_post_id: int | None, row: RawMessage, *,
        references: dict[str, int] | None = None, may_wait: bool = False,
    ) -> Route:
        """Reply token; then In-Reply-To/References, which decide when they name a post on
        the wall; a parent they name that arrived but is not on the wall yet is waited for
        (`parent_wait` at most); then, for mail that looks like a reply (`Re:`, `AW:`,
        `Отв:`...) only, the normalised subject in a recent window; else a new thread."""
        if token_post_id is not None:
            post = session.get(Post, token_post_id)
            if post is not None and post.community_id == community.id:
                return Route(post.thread, post)
        ranked = _ranked_references(parsed) if references is None else references
        found = wall.thread_by_message_ids(session, community.id, list(ranked))
        if found is not None:
            thread, parent = found
            placed_by = ranked.get(parent.message_id, -1)
            return Route(thread, parent, awaited=tuple(
                (m, rank) for m, rank in ranked.items() if rank > placed_by))
        awaited = _kept_awaited(ranked)
        if (may_wait and awaited and row.source is not MessageSource.IMPORT
                and utcnow() - row.received_at < self.settings.parent_wait
                and queue.on_its_way(session, community.id, list(ranked), besides=row.id)):
            return Route(wait=True)
        if not parsed.looks_like_reply:
            return Route(awaited=awaited)
        # An archive is threaded in its own time: the window counts back from the
        # mail's date, and only threads that had started by then qualify.
        imported = row.source is MessageSource.IMPORT and parsed.date is not None
        at = parsed.date if imported and parsed.date else utcnow()
        thread = wall.thread_by_subject(
            session, community.id, parsed.normalized_subject, at - self.settings.subject_window,
            started_by=at if imported else None,
        )
        return Route(thread, None, awaited=awaited)

    # --- recording ----------------------------------------------------------------

    def _finish(
        self, session: Session, row: RawMessage, parsed: ParsedMail, reason: Reason,
        outcome: dict[str, Any],
    ) -> None:
        assert reason.status is not None
        row.status = reason.status
        row.reason = reason.code
        row.reason_detail = reason.sentence("en")
        row.processed_at = utcnow()
        row.claimed_at = None
        row.last_error = None
        row.message_id = parsed.message_id[:998]
        row.outcome = outcome
        if reason.notify:
            self._notify(session, row, parsed, reason)

    def _defer(self, row: RawMessage) -> None:
        """Back in line for a little later, without spending an attempt."""
        reason = Reason.WAITING_FOR_PARENT
        assert reason.status is not None
        row.status = reason.status
        row.reason = reason.code
        row.reason_detail = reason.sentence("en")
        row.attempts = max(row.attempts - 1, 0)
        row.next_attempt_at = utcnow() + self.settings.parent_retry
        row.claimed_at = None

    def _notify(
        self, session: Session, row: RawMessage, parsed: ParsedMail, reason: Reason
    ) -> None:
        """At most one notice per sender, reason and day; never to robots or ourselves."""
        sender = parsed.sender
        if sender is None or row.envelope_from in ("", "<>"):
            return
        if row.source is MessageSource.IMPORT:
            return  # history being brought in: its authors did not just write to us
        if parsed.auto_reply or parsed.bounce or parsed.own_loop or parsed.list_mail:
            return
        address = sender.address.lower()
        if address.rpartition("@")[2] == self.settings.domain:
            return
        day = utcnow().date().isoformat()
        if outbox.notice_already_sent(session, address, reason.code, day):
            return
        person = find_person(session, address)
        community = session.get(Community, row.community_id) if row.community_id else None
        name = _name_shown(session, community, person)
        message = notices.compose_notice(
            reason=reason,
            locale=person.locale if person else self.settings.notice_locale,
            sender=formataddr((f"Mailwall — {name}" if name else "Mailwall",
                               f"mailwall@{self.settings.domain}")),
            recipient=address,
            recipient_name=person.display_name if person and person.display_name
            else sender.name,
            community_name=name,
            subject=parsed.subject,
            in_reply_to=None if parsed.message_id_derived else parsed.message_id,
            domain=self.settings.domain,
        )
        queued = outbox.queue_mail(
            session, kind="notice", envelope_from="", recipient=address,
            subject=str(message["Subject"]), message_id=str(message["Message-ID"]).strip("<>"),
            raw=bytes(message),
        )
        outbox.record_notice(session, address=address, reason=reason.code, day=day,
                             raw_message_id=row.id, outbox_id=queued.id)

    def _fail(self, raw_id: int, exc: Exception) -> Result:
        log.exception("message %s failed", raw_id)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        if where:
            detail += f" (at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno})"
        with self.sessions() as session, session.begin():
            row = queue.get_raw(session, raw_id)
            if _transient(exc):
                # Lock contention or a dropped connection says nothing about the
                # message: try again at once, without spending one of its attempts.
                reason = Reason.PROCESSING_ERROR
                row.attempts = max(row.attempts - 1, 0)
                row.next_attempt_at = utcnow() + TRANSIENT_RETRY
            elif _caused_by(exc, IntegrityError) and row.attempts < self.settings.max_attempts:
                # Most often a race: another worker created the same person, document
                # or post a moment ago; the retry finds it. The attempt still counts,
                # so a constraint the message itself breaks ends in quarantine.
                reason = Reason.PROCESSING_ERROR
                row.next_attempt_at = utcnow() + TRANSIENT_RETRY
            elif row.attempts >= self.settings.max_attempts:
                reason = Reason.QUARANTINED
                row.next_attempt_at = None
            else:
                reason = Reason.PROCESSING_ERROR
                row.next_attempt_at = utcnow() + self.settings.retry_base * 2 ** max(
                    row.attempts - 1, 0
                )
            assert reason.status is not None
            row.status = reason.status
            row.reason = reason.code
            row.reason_detail = reason.sentence("en")
            row.last_error = detail[:4000]
            row.claimed_at = None
        return Result(raw_id, reason, {"error": detail})


TRANSIENT_RETRY = timedelta(seconds=1)
# Lock key of a normalised subject (Message-IDs are the other keys; they hold an '@').
SUBJECT_KEY = "subject:"


# An unplaced reply remembers its root and its nearest ancestors, not a whole long References.
MAX_AWAITED = 10


def _kept_awaited(ranked: dict[str, int]) -> tuple[tuple[str, int], ...]:
    items = list(ranked.items())
    if len(items) > MAX_AWAITED:
        items = [items[0], *items[-(MAX_AWAITED - 1):]]
    return tuple(items)


def _ranked_references(parsed: ParsedMail) -> dict[str, int]:
    """The Message-IDs a mail names, each with its rank: References from the root, then
    In-Reply-To, so the nearest parent ranks highest. Its own id is not among them."""
    ranked: dict[str, int] = {}
    for rank, message_id in enumerate([*parsed.references, *parsed.in_reply_to]):
        if message_id and message_id != parsed.message_id:
            ranked.pop(message_id, None)
            ranked[message_id] = rank
    return ranked

# First word of a manager's answer to a moderation notice, accents and case ignored.
APPROVE_WORDS = {"approve", "approved", "approuver", "approuve", "publier", "publie",
                 "accept", "accepter", "accepte", "valider", "valide", "oui", "yes", "ok"}
REJECT_WORDS = {"reject", "rejected", "refuser", "refuse", "rejeter", "rejete", "decline",
                "non", "no"}


def moderation_decision(text: str) -> Decision | None:
    words = fold(text).replace(".", " ").replace("!", " ").replace(",", " ").split()
    if not words:
        return None
    if words[0] in APPROVE_WORDS:
        return Decision.APPROVE
    if words[0] in REJECT_WORDS:
        return Decision.REJECT
    return None


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is in the exception's chain: SQLAlchemy reports a failed flush
    inside a transaction block as an InvalidRequestError caused by the real error."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _valid_address(address: str) -> bool:
    """Whether a person can be recorded under `address` (the person step's own check)."""
    try:
        normalize_address(address)
    except InvalidInput:
        return False
    return True


def _empty(parsed: ParsedMail) -> bool:
    return not (parsed.new_text.strip() or parsed.body_text.strip() or parsed.attachments
                or parsed.forwarded)


def _transient(exc: Exception) -> bool:
    if isinstance(exc, OperationalError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    text = str(exc).lower()
    return "database is locked" in text or "could not serialize" in text or "deadlock" in text


def _evidence(parsed: ParsedMail, reason: Reason) -> str | None:
    flag = {
        Reason.AUTO_REPLY: parsed.auto_reply,
        Reason.BOUNCE: parsed.bounce,
        Reason.MAILING_LIST: parsed.list_mail,
        Reason.OWN_LOOP: parsed.own_loop,
    }.get(reason)
    return flag.reason if flag else None


def _reply_address(parsed: ParsedMail, row: RawMessage) -> str:
    """Whom an operator's answer to mail for postmaster@ goes to: the From address, else
    the envelope sender; "" when neither is a valid address."""
    for address in (parsed.sender.address if parsed.sender else "", row.envelope_from):
        if address and _valid_address(address):
            return address
    return ""


def _name_shown(session: Session, community: Community | None,
                person: Person | None) -> str | None:
    """The community's name as a notice may show it to `person`: None for a private
    community `person` is not in (its name is for its members only)."""
    if community is None:
        return ""
    if community.visibility is Visibility.PRIVATE and (
            person is None or membership_of(session, community.id, person.id) is None):
        return None
    return community.name


def _decided(row: RawMessage) -> dict[str, Any]:
    return {"decision": row.decision.value if row.decision else None, "by": row.decided_by,
            "via": row.decided_via.value if row.decided_via else None,
            "at": row.decided_at.isoformat(timespec="seconds") if row.decided_at else None}


def take_decision(pipeline: Pipeline, raw_id: int, decision: Decision, *,
                  via: DecisionChannel, by: str, by_person_id: int | None = None) -> Result | None:
    """Records a decision about a held message (`queue.decide_held`, the one path) and
    finishes the message at once when no worker took it first; None when one did (it
    finishes it the same way)."""
    with pipeline.sessions() as session, session.begin():
        queue.decide_held(session, raw_id, decision, via=via, by=by, by_person_id=by_person_id)
    with pipeline.sessions() as session, session.begin():
        claimed = queue.claim_one(session, raw_id, lease=pipeline.settings.lease)
    return pipeline.process(raw_id) if claimed else None
