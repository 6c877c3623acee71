"""The raw-message queue: claiming work, recording outcomes, what ops see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.claims import Machine, claim
from wall_store.errors import InvalidInput, NotFound
from wall_store.models import Blob, Decision, DecisionChannel, MessageStatus, RawMessage

RAW_QUEUE = Machine(RawMessage, new=MessageStatus.RECEIVED, retry=MessageStatus.FAILED,
                    working=MessageStatus.PROCESSING)


def claim_next(session: Session, *, lease: timedelta, now: datetime | None = None) -> int | None:
    """Claims the oldest claimable message; its id, or None (a batch of one)."""
    claimed = claim_batch(session, lease=lease, limit=1, now=now)
    return claimed[0] if claimed else None


def claim_batch(
    session: Session, *, lease: timedelta, limit: int, now: datetime | None = None,
    node: str | None = None,
) -> list[int]:
    """Marks up to `limit` claimable messages `processing`, oldest first; returns their ids.

    One write transaction for the batch instead of one per message. Each row then
    gets its own processing transaction (gateway.pipeline), so a claim held by a
    worker that dies mid-batch is taken up again like a single one: at the next
    start on SQLite (`release_stale_claims`), after the lease on PostgreSQL.
    The claim itself is the one both queues share (`wall_store.claims`).
    """
    return claim(session, RAW_QUEUE, lease=lease, limit=limit, now=now or utcnow(), node=node)


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


def release_stale_claims(session: Session, node: str | None = None) -> int:
    """Claims left by a process that died, handed back at once: every claim at the start
    of a single-node process (SQLite), or this node's own at its restart (PostgreSQL,
    where the other nodes' claims are theirs until their lease runs out)."""
    query = update(RawMessage).where(RawMessage.status == MessageStatus.PROCESSING)
    if node is not None:
        query = query.where(RawMessage.claimed_by == node)
    return session.execute(
        query.values(status=MessageStatus.RECEIVED, claimed_at=None, claimed_by=None)
    ).rowcount


def decide_held(
    session: Session,
    raw_id: int,
    decision: Decision,
    *,
    via: DecisionChannel,
    by: str,
    by_person_id: int | None = None,
    community_id: int | None = None,
    now: datetime | None = None,
) -> RawMessage:
    """The one way a held message is approved or refused, from the web, by mail or the CLI.

    The decision is recorded on the row (who, where, when) and the message goes back
    in line: the pipeline, which owns posting and the sender's notice, finishes it.
    `community_id` confines a manager to the community they manage.
    """
    row = session.get(RawMessage, raw_id)
    if row is None or (community_id is not None and row.community_id != community_id):
        where = " in this community" if community_id is not None else ""
        raise NotFound(f"there is no held message {raw_id}{where}")
    if row.status is not MessageStatus.HELD:
        # NotFound too: for a manager, a message decided a moment ago is no longer there.
        raise NotFound(f"message {raw_id} is {row.status.value}; only held messages can be "
                       "approved or refused")
    row.decision = decision
    row.decided_by = by[:320]
    row.decided_by_id = by_person_id
    row.decided_via = via
    row.decided_at = now or utcnow()
    row.status = MessageStatus.RECEIVED
    row.attempts = 0
    row.next_attempt_at = None
    row.claimed_at = None
    return row


def claim_one(session: Session, raw_id: int, *, lease: timedelta,
              now: datetime | None = None) -> bool:
    """Claims this one message if it is claimable; False if a worker has it. The queue's
    own claim (`wall_store.claims`), narrowed to one row."""
    return bool(claim(session, RAW_QUEUE, lease=lease, limit=1, now=now or utcnow(),
                      where=RawMessage.id == raw_id))
