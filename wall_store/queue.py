"""The raw-message queue: claiming work, recording outcomes, what ops see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.errors import InvalidInput, NotFound
from wall_store.models import Blob, MessageStatus, RawMessage


def _claimable(now: datetime, lease: timedelta) -> Any:
    return or_(
        # A received message may wait a moment (a reply whose parent is on its way).
        and_(RawMessage.status == MessageStatus.RECEIVED,
             or_(RawMessage.next_attempt_at.is_(None), RawMessage.next_attempt_at <= now)),
        and_(RawMessage.status == MessageStatus.FAILED, RawMessage.next_attempt_at <= now),
        # A claim older than the lease belongs to a worker that died mid-way.
        and_(RawMessage.status == MessageStatus.PROCESSING, RawMessage.claimed_at < now - lease),
    )


def claim_next(session: Session, *, lease: timedelta, now: datetime | None = None) -> int | None:
    """Claims the oldest claimable message; its id, or None (a batch of one)."""
    claimed = claim_batch(session, lease=lease, limit=1, now=now)
    return claimed[0] if claimed else None


def claim_batch(
    session: Session, *, lease: timedelta, limit: int, now: datetime | None = None
) -> list[int]:
    """Marks up to `limit` claimable messages `processing`, oldest first; returns their ids.

    One write transaction for the batch instead of one per message. Each row then
    gets its own processing transaction (gateway.pipeline), so a claim held by a
    worker that dies mid-batch is taken up again like a single one: at the next
    start on SQLite (`release_stale_claims`), after the lease on PostgreSQL.
    PostgreSQL: `FOR UPDATE SKIP LOCKED` lets several nodes claim side by side.
    SQLite has one writer at a time; the guarded UPDATE keeps only the rows still
    claimable, so a lost race shows as fewer rows, never a double claim.
    """
    now = now or utcnow()
    query = select(RawMessage.id).where(_claimable(now, lease)).order_by(RawMessage.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    candidates = list(session.scalars(query))
    if not candidates:
        return []
    claimed = session.scalars(
        update(RawMessage)
        .where(RawMessage.id.in_(candidates), _claimable(now, lease))
        .values(
            status=MessageStatus.PROCESSING,
            claimed_at=now,
            attempts=RawMessage.attempts + 1,
        )
        .returning(RawMessage.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(claimed)


def load_claimed(session: Session, raw_id: int) -> tuple[RawMessage, bytes]:
    """The row and its raw bytes in one round trip (the pipeline reads both for every message)."""
    found = session.execute(
        select(RawMessage, Blob.data)
        .join(Blob, Blob.sha256 == RawMessage.blob_sha256, isouter=True)
        .where(RawMessage.id == raw_id)
    ).first()
    if found is None:
        raise NotFound(f"there is no message {raw_id} in the queue (see `mailwall queue list`)")
    return found[0], found[1] or b""


# States in which a message is still on its way to the wall (not held, refused or final).
ON_ITS_WAY = (MessageStatus.RECEIVED, MessageStatus.PROCESSING, MessageStatus.FAILED)


def on_its_way(session: Session, community_id: int, message_ids: Sequence[str],
               *, besides: int) -> bool:
    """Whether the community received a message with one of these Message-IDs that the
    pipeline has not finished yet (received, being processed, or failed and retrying)."""
    if not message_ids:
        return False
    return session.scalar(
        select(RawMessage.id).where(
            RawMessage.community_id == community_id,
            RawMessage.message_id.in_(list(message_ids)),
            RawMessage.status.in_(ON_ITS_WAY),
            RawMessage.id != besides,
        ).limit(1)
    ) is not None


def get_raw(session: Session, raw_id: int) -> RawMessage:
    row = session.get(RawMessage, raw_id)
    if row is None:
        raise NotFound(f"there is no message {raw_id} in the queue (see `mailwall queue list`)")
    return row


def list_raw(
    session: Session, *, status: MessageStatus | None = None, limit: int = 100
) -> list[RawMessage]:
    query = select(RawMessage).order_by(RawMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(RawMessage.status == status)
    return list(session.scalars(query))


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(RawMessage.status, func.count(RawMessage.id)).group_by(RawMessage.status)
    )
    return {status.value: count for status, count in rows}


def requeue(session: Session, raw_id: int) -> RawMessage:
    """Puts a failed or quarantined message back in line for a worker."""
    row = get_raw(session, raw_id)
    if row.status not in (MessageStatus.FAILED, MessageStatus.QUARANTINED):
        raise InvalidInput(
            f"message {raw_id} is {row.status.value}; only failed or quarantined messages "
            "can be retried"
        )
    row.status = MessageStatus.RECEIVED
    row.attempts = 0
    row.next_attempt_at = None
    row.claimed_at = None
    return row


def requeue_failed(session: Session) -> int:
    return session.execute(
        update(RawMessage)
        .where(RawMessage.status.in_([MessageStatus.FAILED, MessageStatus.QUARANTINED]))
        .values(status=MessageStatus.RECEIVED, attempts=0, next_attempt_at=None, claimed_at=None)
    ).rowcount


def release_stale_claims(session: Session) -> int:
    """At the start of a single-node process, every claim is from a process that died."""
    return session.execute(
        update(RawMessage)
        .where(RawMessage.status == MessageStatus.PROCESSING)
        .values(status=MessageStatus.RECEIVED, claimed_at=None)
    ).rowcount


def _held_in(session: Session, raw_id: int, community_id: int) -> RawMessage:
    row = session.get(RawMessage, raw_id)
    if row is None or row.community_id != community_id or row.status is not MessageStatus.HELD:
        raise NotFound(f"there is no held message {raw_id} in this community")
    return row


def request_release(session: Session, raw_id: int, community_id: int, by_person: int
                    ) -> RawMessage:
    """A manager's approval from the web: the pipeline posts it as approved.

    The web may not import the gateway, so the decision is stored on the row
    (`outcome.approved_by`) and the message goes back in line; the pipeline
    sees the flag and skips the policy that held it.
    """
    row = _held_in(session, raw_id, community_id)
    row.outcome = {**(row.outcome or {}), "approved_by": by_person}
    row.status = MessageStatus.RECEIVED
    row.attempts = 0
    row.next_attempt_at = None
    row.claimed_at = None
    return row


def request_rejection(session: Session, raw_id: int, community_id: int, by_person: int
                      ) -> RawMessage:
    """A manager's refusal from the web, finished by the pipeline, which owns the notice
    the sender gets (`outcome.rejected_by`)."""
    row = _held_in(session, raw_id, community_id)
    row.outcome = {**(row.outcome or {}), "rejected_by": by_person}
    row.status = MessageStatus.RECEIVED
    row.attempts = 0
    row.next_attempt_at = None
    row.claimed_at = None
    return row
