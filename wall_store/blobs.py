"""Content-addressed blobs: the same bytes are stored once."""

from __future__ import annotations

import hashlib

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.models import Blob


def put_blob(session: Session, data: bytes) -> str:
    """Stores `data` in the caller's transaction; returns its sha256.

    Insert-or-ignore rather than look-then-insert: two deliveries of the same
    bytes on two connections must not make one of them fail.
    """
    digest = hashlib.sha256(data).hexdigest()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(Blob)
        .values(sha256=digest, size=len(data), data=data, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    return digest


def get_blob(session: Session, digest: str) -> bytes | None:
    blob = session.get(Blob, digest)
    return blob.data if blob else None
