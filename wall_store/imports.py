"""SQL for archive imports: what a community already received, claiming imported rows."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.models import MessageSource, MessageStatus, RawMessage, SourceCheckpoint


def stored_message_ids(session: Session, community_id: int, keys: Collection[str]) -> set[str]:
    """Which of these Message-IDs (or derived content ids) the community already received.

    Any source counts: a message that came by SMTP before the archive was
    imported is already there, and so is one that failed or is held.
    """
    if not keys:
        return set()
    found = session.scalars(
        select(RawMessage.message_id).where(
            RawMessage.community_id == community_id, RawMessage.message_id.in_(list(keys))
        )
    )
    return {key for key in found if key is not None}


def clear_checkpoint(session: Session, key: str) -> None:
    """Forgets a finished import's position (`checkpoints` reads and saves them)."""
    session.execute(delete(SourceCheckpoint).where(SourceCheckpoint.key == key))


def claim(session: Session, raw_ids: Sequence[int], now: datetime | None = None) -> list[int]:
    """Marks these rows `processing` the way `queue.claim_next` does, in one statement.

    Only rows still `received` are taken, so a gateway worker that claimed one
    first keeps it and the importer leaves it alone.
    """
    if not raw_ids:
        return []
    now = now or utcnow()
    claimable = session.scalars(
        select(RawMessage.id)
        .where(RawMessage.id.in_(list(raw_ids)), RawMessage.status == MessageStatus.RECEIVED)
        .order_by(RawMessage.id)
    ).all()
    if not claimable:
        return []
    session.execute(
        update(RawMessage)
        .where(RawMessage.id.in_(claimable), RawMessage.status == MessageStatus.RECEIVED)
        .values(status=MessageStatus.PROCESSING, claimed_at=now,
                attempts=RawMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return list(claimable)


def unfinished_imports(session: Session, community_id: int) -> list[tuple[int, str | None]]:
    """Imported rows (id, Message-ID) an interrupted import left unprocessed, oldest first.

    A row still `processing` belongs to an import that died mid-batch (one
    import per community at a time): it goes back to `received` to be redone.
    """
    session.execute(
        update(RawMessage)
        .where(
            RawMessage.community_id == community_id,
            RawMessage.source == MessageSource.IMPORT,
            RawMessage.status == MessageStatus.PROCESSING,
        )
        .values(status=MessageStatus.RECEIVED, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    rows = session.execute(
        select(RawMessage.id, RawMessage.message_id)
        .where(
            RawMessage.community_id == community_id,
            RawMessage.source == MessageSource.IMPORT,
            RawMessage.status == MessageStatus.RECEIVED,
        )
        .order_by(RawMessage.id)
    )
    return [(raw_id, message_id) for raw_id, message_id in rows]
