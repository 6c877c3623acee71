"""Where each source stands: IMAP folders and archives read so far, and each mailbox's health.

A checkpoint is a key (``mapping:3``, ``import:imap:…``), the folder's UIDVALIDITY
and the last position handed to intake. It only saves work: whether a message
was already stored is answered by the raw-message rows themselves, so a crash
between storing and moving the checkpoint stores nothing twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, exists, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.models import Mapping, MappingKind, MessageSource, RawMessage, SourceCheckpoint

# Advisory lock namespace (first key of the two-key form) for IMAP mailboxes; the
# second key is the mapping id, so locks never collide with other namespaces.
IMAP_LOCK_NAMESPACE = 0x494D4150  # "IMAP"


def get_checkpoint(session: Session, key: str) -> SourceCheckpoint | None:
    return session.scalar(select(SourceCheckpoint).where(SourceCheckpoint.key == key))


def save_checkpoint(session: Session, key: str, *, uidvalidity: int | None, position: int) -> None:
    """Records how far `key` has been read, in the caller's transaction."""
    row = get_checkpoint(session, key)
    if row is None:
        row = SourceCheckpoint(key=key)
        session.add(row)
    row.uidvalidity = uidvalidity
    row.position = position
    row.updated_at = utcnow()
    session.flush()


def imap_message_stored(
    session: Session,
    *,
    mapping_id: int | None,
    uidvalidity: int,
    uid: int,
    source: MessageSource,
    community_id: int | None = None,
) -> bool:
    """Whether this folder's message (UIDVALIDITY, UID) already has a raw-message row."""
    query = select(RawMessage.id).where(
        RawMessage.source == source,
        RawMessage.imap_uidvalidity == uidvalidity,
        RawMessage.imap_uid == uid,
    )
    query = query.where(
        RawMessage.mapping_id.is_(None)
        if mapping_id is None
        else RawMessage.mapping_id == mapping_id
    )
    if community_id is not None:
        query = query.where(RawMessage.community_id == community_id)
    return bool(session.scalar(select(exists(query))))


def enabled_imap_mappings(session: Session) -> list[Mapping]:
    return list(
        session.scalars(
            select(Mapping)
            .where(Mapping.kind == MappingKind.IMAP, Mapping.enabled)
            .order_by(Mapping.id)
        )
    )


def record_success(session: Session, mapping_id: int) -> None:
    """The mailbox was read without error; the last error stays, dated, for ops to compare."""
    mapping = session.get(Mapping, mapping_id)
    if mapping is not None:
        mapping.last_success_at = utcnow()


def record_error(session: Session, mapping_id: int, sentence: str) -> None:
    mapping = session.get(Mapping, mapping_id)
    if mapping is not None:
        mapping.last_error = sentence[:4000]
        mapping.last_error_at = utcnow()


@contextmanager
def exclusive_mailbox(engine: Engine, mapping_id: int) -> Iterator[bool]:
    """Yields whether this process may read the mapping's mailbox.

    With several `mailwall serve` nodes on one PostgreSQL, one node reads each
    mailbox: a session advisory lock, released when the node stops or dies (its
    connection closes). SQLite has one process, which owns every mailbox.
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as conn:
        got = bool(
            conn.scalar(
                text("SELECT pg_try_advisory_lock(:ns, :id)"),
                {"ns": IMAP_LOCK_NAMESPACE, "id": mapping_id},
            )
        )
        conn.commit()
        try:
            yield got
        finally:
            if got and not conn.closed and not conn.invalidated:
                # A broken connection has released the lock already.
                with contextlib.suppress(DBAPIError):
                    conn.execute(
                        text("SELECT pg_advisory_unlock(:ns, :id)"),
                        {"ns": IMAP_LOCK_NAMESPACE, "id": mapping_id},
                    )
                    conn.commit()
