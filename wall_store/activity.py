"""What people do, by email and on the wall: the record adoption is measured from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.models import Activity, ActivityKind, ActivitySource


def record(
    session: Session,
    person_id: int,
    kind: ActivityKind,
    source: ActivitySource,
    *,
    community_id: int | None = None,
    ref: int | None = None,
    at: datetime | None = None,
) -> Activity:
    row = Activity(person_id=person_id, community_id=community_id, kind=kind, source=source,
                   ref=ref, at=at or utcnow())
    session.add(row)
    return row
