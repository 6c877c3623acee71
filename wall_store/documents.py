"""The community library: documents by name, each with numbered versions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from wall_store.base import utcnow
from wall_store.blobs import get_blob, put_blob
from wall_store.communities import get_community
from wall_store.errors import NotFound
from wall_store.models import Document, DocumentVersion, Person


def file_version(
    session: Session, community_id: int, name: str, data: bytes, *, content_type: str,
    uploaded_by: Person | None, post_id: int | None,
) -> tuple[DocumentVersion, bool]:
    """Files `data` under `name`: a new version unless the latest has the same bytes.

    Returns the version and whether it is new.
    """
    # Insert-or-ignore, then read: the same file name arriving in two messages at
    # once must give one document, not a unique-constraint failure.
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" \
        else sqlite.insert
    session.execute(
        insert(Document).values(community_id=community_id, name=name, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["community_id", "name"])
    )
    document = session.scalars(
        select(Document).where(Document.community_id == community_id, Document.name == name)
    ).one()
    digest = put_blob(session, data)
    latest = session.scalar(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.number.desc())
        .limit(1)
    )
    if latest is not None and latest.blob_sha256 == digest:
        return latest, False
    number = (latest.number if latest else 0) + 1
    version = DocumentVersion(
        document_id=document.id, number=number, blob_sha256=digest,
        content_type=content_type, size=len(data),
        uploaded_by_id=uploaded_by.id if uploaded_by else None, post_id=post_id,
    )
    session.add(version)
    session.flush()
    return version, True


def library(session: Session, slug: str) -> list[dict[str, Any]]:
    community = get_community(session, slug)
    documents = session.scalars(
        select(Document)
        .where(Document.community_id == community.id)
        .order_by(func.lower(Document.name))
        .options(selectinload(Document.versions))
    ).all()
    people = {
        p.id: p for p in session.scalars(
            select(Person).where(Person.id.in_(
                {v.uploaded_by_id for d in documents for v in d.versions if v.uploaded_by_id}
            ))
        )
    }
    return [
        {
            "name": d.name,
            "versions": [
                {
                    "number": v.number,
                    "size": v.size,
                    "content_type": v.content_type,
                    "sha256": v.blob_sha256,
                    "by": people[v.uploaded_by_id].primary_address
                    if v.uploaded_by_id in people else None,
                    "at": v.created_at.isoformat(timespec="seconds"),
                    "post_id": v.post_id,
                }
                for v in d.versions
            ],
        }
        for d in documents
    ]


def fetch(session: Session, slug: str, name: str, version: int | None = None
          ) -> tuple[DocumentVersion, bytes]:
    community = get_community(session, slug)
    document = session.scalar(
        select(Document).where(Document.community_id == community.id, Document.name == name)
    )
    if document is None:
        raise NotFound(f"community {slug!r} has no document {name!r} (see `mailwall docs {slug}`)")
    query = select(DocumentVersion).where(DocumentVersion.document_id == document.id)
    if version is None:
        query = query.order_by(DocumentVersion.number.desc()).limit(1)
    else:
        query = query.where(DocumentVersion.number == version)
    row = session.scalar(query)
    if row is None:
        raise NotFound(f"document {name!r} has no version {version}")
    return row, get_blob(session, row.blob_sha256) or b""
