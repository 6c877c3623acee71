"""Outgoing mail: queued in the store, claimed by a sender with a lease, retried with
backoff, and ended in a state an operator sees (`mailwall outbox list`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from wall_store import bounces
from wall_store.base import utcnow
from wall_store.blobs import put_blob
from wall_store.claims import Machine, backoff, claim
from wall_store.errors import InvalidInput, NotFound
from wall_store.models import Blob, Notice, OutboxMessage, OutboxStatus


def queue_mail(
    session: Session,
    *,
    kind: str,
    envelope_from: str,
    recipient: str,
    subject: str,
    message_id: str,
    raw: bytes,
) -> OutboxMessage:
    row = OutboxMessage(
        kind=kind,
        envelope_from=envelope_from,
        recipient=recipient,
        subject=subject,
        message_id=message_id,
        blob_sha256=put_blob(session, raw),
    )
    session.add(row)
    session.flush()
    return row


def notice_already_sent(session: Session, address: str, reason: str, day: str) -> bool:
    return (
        session.scalar(
            select(Notice.id).where(
                Notice.address == address, Notice.reason == reason, Notice.day == day
            )
        )
        is not None
    )


def record_notice(
    session: Session, *, address: str, reason: str, day: str, raw_message_id: int | None,
    outbox_id: int | None,
) -> None:
    session.add(Notice(address=address, reason=reason, day=day, raw_message_id=raw_message_id,
                       outbox_id=outbox_id))
    session.flush()


OUTBOX = Machine(OutboxMessage, new=OutboxStatus.QUEUED, retry=OutboxStatus.FAILED,
                 working=OutboxStatus.SENDING)

# Mail a person asks for on the wall at that moment is sent even to a suppressed
# address (Mailman still sends a disabled member's confirmations).
NEVER_SUPPRESSED = frozenset({"sign-in"})

# Where `outbox retry --failed` takes mail from, and what `outbox drop` may take out.
RETRYABLE = (OutboxStatus.FAILED, OutboxStatus.UNDELIVERABLE)
DROPPABLE = (OutboxStatus.QUEUED, OutboxStatus.FAILED, OutboxStatus.UNDELIVERABLE,
             OutboxStatus.SUPPRESSED)


@dataclass(frozen=True)
class Claimed:
    """A mail a sender holds (`sending`): what it needs to send it without the session."""

    id: int
    envelope_from: str
    recipient: str
    raw: bytes


@dataclass(frozen=True)
class Batch:
    to_send: list[Claimed]
    suppressed: int  # claimed and ended `suppressed` without being sent

    @property
    def empty(self) -> bool:
        return not self.to_send and not self.suppressed


def claim_batch(
    session: Session, *, lease: timedelta, limit: int, max_attempts: int,
    now: datetime | None = None,
) -> Batch:
    """Claims up to `limit` due mails, oldest first; returns those to send.

    Mail to a suppressed address is claimed too and ends `suppressed` here, in the
    same transaction, without being sent.
    """
    now = now or utcnow()
    settle_handed_over(session, lease=lease, now=now)
    ids = claim(session, OUTBOX, lease=lease, limit=limit, now=now,
                where=OutboxMessage.attempts < max_attempts)
    if not ids:
        return Batch([], 0)
    rows = session.execute(
        select(OutboxMessage, Blob.data)
        .join(Blob, Blob.sha256 == OutboxMessage.blob_sha256, isouter=True)
        .where(OutboxMessage.id.in_(ids))
        .order_by(OutboxMessage.id)
    ).all()
    suppressed = bounces.suppressed_among(
        session, [row.recipient for row, _ in rows if row.kind not in NEVER_SUPPRESSED])
    claimed: list[Claimed] = []
    for row, data in rows:
        if row.kind not in NEVER_SUPPRESSED and row.recipient.lower() in suppressed:
            row.status = OutboxStatus.SUPPRESSED
            row.claimed_at = None
            row.last_error = SUPPRESSED_DETAIL
            continue
        claimed.append(Claimed(row.id, row.envelope_from, row.recipient, data or b""))
    return Batch(claimed, len(rows) - len(claimed))


SUPPRESSED_DETAIL = ("not sent: mail to this address bounced past the threshold "
                     "(`mailwall user show`, `mailwall user unsuppress`)")


def release(session: Session, outbox_ids: list[int]) -> int:
    """Gives back claimed mail not sent yet (its attempt not spent): a sender whose batch
    took longer than half the lease stops, rather than send what another may take over."""
    if not outbox_ids:
        return 0
    return session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(outbox_ids), OutboxMessage.status == OutboxStatus.SENDING)
        .values(status=OutboxStatus.QUEUED, claimed_at=None,
                attempts=OutboxMessage.attempts - 1)
    ).rowcount


def mark_handed(session: Session, outbox_id: int, *, now: datetime | None = None) -> None:
    """The sender has written the whole message but DATA's final dot: from here a crash
    may have delivered it, so it must not be sent again (`settle_handed_over`)."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id, OutboxMessage.status == OutboxStatus.SENDING)
        .values(handed_at=now or utcnow())
    )


def settle_handed_over(session: Session, *, lease: timedelta, now: datetime) -> int:
    """Claims that expired after their mail was handed over are `sent`, not claimed again.

    A sender that dies before the final dot leaves the relay an unfinished DATA, which it
    discards: that mail has no `handed_at` and is sent again, once. One that dies after
    the dot, before recording the relay's `250`, has delivered it: sending it again is
    what doubled mail. Only the instant between the mark and the dot could lose one.
    """
    return session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING,
               OutboxMessage.handed_at.is_not(None),
               OutboxMessage.claimed_at < now - lease)
        .values(status=OutboxStatus.SENT, sent_at=OutboxMessage.handed_at, claimed_at=None)
    ).rowcount


def _sending(session: Session, outbox_id: int) -> OutboxMessage | None:
    """The row if it is still ours to record (`sending`); an operator may have dropped it."""
    row = session.get(OutboxMessage, outbox_id)
    return row if row is not None and row.status is OutboxStatus.SENDING else None


def record_sent(session: Session, outbox_id: int, *, now: datetime | None = None) -> None:
    row = _sending(session, outbox_id)
    if row is None:
        return
    row.status = OutboxStatus.SENT
    row.sent_at = now or utcnow()
    row.claimed_at = None
    row.handed_at = None
    row.last_error = None
    row.last_code = None


def record_refused(
    session: Session, outbox_id: int, *, error: str, code: int | None, permanent: bool,
    retry_base: timedelta, max_attempts: int, now: datetime | None = None,
) -> OutboxStatus | None:
    """A refusal: `undeliverable` at once when permanent (5xx) or the last attempt,
    else `failed` until its backoff has passed. Returns the new status."""
    row = _sending(session, outbox_id)
    if row is None:
        return None
    row.claimed_at = None
    row.handed_at = None  # refused at the final dot: the relay did not take it
    row.last_error = error[:2000]
    row.last_code = code
    if permanent or row.attempts >= max_attempts:
        row.status = OutboxStatus.UNDELIVERABLE
        row.next_attempt_at = None
    else:
        row.status = OutboxStatus.FAILED
        row.next_attempt_at = (now or utcnow()) + backoff(retry_base, row.attempts)
    return row.status


def get_mail(session: Session, outbox_id: int) -> OutboxMessage:
    row = session.get(OutboxMessage, outbox_id)
    if row is None:
        raise NotFound(f"there is no outgoing mail {outbox_id} (see `mailwall outbox list`)")
    return row


def list_outbox(
    session: Session, *, status: OutboxStatus | None = None, limit: int = 100
) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return list(session.scalars(query))


def _back_in_line(row: OutboxMessage) -> None:
    row.status = OutboxStatus.QUEUED
    row.attempts = 0
    row.next_attempt_at = None
    row.claimed_at = None


def requeue(session: Session, outbox_id: int) -> OutboxMessage:
    """Puts one mail that was not sent (failed, undeliverable, suppressed, dropped) back
    in line, with its attempts counted afresh."""
    row = get_mail(session, outbox_id)
    if row.status in (OutboxStatus.QUEUED, OutboxStatus.SENDING, OutboxStatus.SENT):
        raise InvalidInput(f"outgoing mail {outbox_id} is {row.status.value}; only mail that "
                           "was not sent (failed, undeliverable, suppressed, dropped) can be "
                           "retried")
    _back_in_line(row)
    return row


def requeue_failed(session: Session) -> int:
    """Every failed or undeliverable mail back in line (`outbox retry --failed`)."""
    return session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status.in_(RETRYABLE))
        .values(status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=None, claimed_at=None)
    ).rowcount


def drop(session: Session, outbox_id: int) -> OutboxMessage:
    """Takes a mail out of line for good; the row stays, `dropped`, for the record."""
    row = get_mail(session, outbox_id)
    if row.status not in DROPPABLE:
        raise InvalidInput(f"outgoing mail {outbox_id} is {row.status.value}; only queued, "
                           "failed, undeliverable or suppressed mail can be dropped")
    row.status = OutboxStatus.DROPPED
    row.next_attempt_at = None
    row.claimed_at = None
    return row
