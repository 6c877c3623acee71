"""Two queues, one state machine: what the raw-message queue and the outbox share.

Both hold rows with `status`, `attempts`, `next_attempt_at` and `claimed_at`, and
move them `new → working → (done | retry → working ... → final)`. A worker claims
rows with a lease: PostgreSQL's `FOR UPDATE SKIP LOCKED` lets several nodes claim
side by side; SQLite has one writer at a time and the guarded UPDATE keeps only
the rows still claimable, so a lost race shows as fewer rows, never a double claim.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Machine:
    """One queue's table and the states its rows are claimed from and into."""

    model: Any  # a mapped class with id, status, attempts, next_attempt_at, claimed_at
    new: enum.Enum  # waiting for its first try
    retry: enum.Enum  # waiting for `next_attempt_at`
    working: enum.Enum  # claimed by a worker since `claimed_at`

    def claimable(self, now: datetime, lease: timedelta) -> Any:
        model = self.model
        return or_(
            # A new row may be set to wait a moment (a reply whose parent is on its way).
            and_(model.status == self.new,
                 or_(model.next_attempt_at.is_(None), model.next_attempt_at <= now)),
            and_(model.status == self.retry, model.next_attempt_at <= now),
            # A claim older than the lease belongs to a worker that died mid-way.
            and_(model.status == self.working, model.claimed_at < now - lease),
        )


def claim(
    session: Session, machine: Machine, *, lease: timedelta, limit: int, now: datetime,
    where: Any = None, node: str | None = None,
) -> list[int]:
    """Marks up to `limit` claimable rows `working`, oldest first; returns their ids.

    `where` narrows what is claimable (the outbox leaves out mail whose attempts
    are used up), in SQL: a row that may not be claimed never takes a place in
    the batch of one that may. `node` names the claimant, for a model that records it.
    """
    model = machine.model
    condition = machine.claimable(now, lease)
    if where is not None:
        condition = and_(condition, where)
    query = select(model.id).where(condition).order_by(model.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    candidates = list(session.scalars(query))
    if not candidates:
        return []
    claimed = session.scalars(
        update(model)
        .where(model.id.in_(candidates), condition)
        .values(status=machine.working, claimed_at=now, attempts=model.attempts + 1,
                **({"claimed_by": node} if node is not None else {}))
        .returning(model.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(claimed)


def backoff(base: timedelta, attempts: int, *, cap: int = 10) -> timedelta:
    """The wait before the next try after `attempts` tries: base, 2 base, 4 base..."""
    return base * 2 ** min(max(attempts - 1, 0), cap)
