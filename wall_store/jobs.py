"""When each job of the scheduler first ran: what tells a missed period from one that
fell due before there was any scheduler to send it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from wall_store.models import SchedulerJob


def first_run_at(session: Session, name: str) -> datetime | None:
    return session.scalar(select(SchedulerJob.first_run_at).where(SchedulerJob.name == name))


def record_run(session: Session, name: str, now: datetime) -> datetime:
    """Notes that the job runs at `now`, unless it ran before; returns its first run.

    Insert-or-ignore, so that two nodes starting together agree on the first one."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(SchedulerJob).values(name=name, first_run_at=now)
                    .on_conflict_do_nothing(index_elements=["name"]))
    first = first_run_at(session, name)
    return first if first is not None else now
