"""Adoption stages: email-only, hybrid, wall — from the share of a person's recent actions
taken on the wall (visits, clicks, posts, replies and likes there) versus by email."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from wall_store import digest_queries
from wall_store.config import AdoptionSection
from wall_store.models import AdoptionStage


def stage_for(email_actions: int, wall_actions: int, current: AdoptionStage,
              *, hybrid_from: float, wall_from: float) -> AdoptionStage:
    """Pure. A person who did nothing in the window keeps their stage: silence says
    nothing about how they work."""
    total = email_actions + wall_actions
    if total == 0:
        return current
    share = wall_actions / total
    if share >= wall_from:
        return AdoptionStage.WALL
    if share >= hybrid_from:
        return AdoptionStage.HYBRID
    return AdoptionStage.EMAIL_ONLY


@dataclass(frozen=True)
class StageMove:
    person_id: int
    old: AdoptionStage
    new: AdoptionStage


def update_stages(session: Session, adoption: AdoptionSection, now: datetime) -> list[StageMove]:
    """Stores each person's stage and logs a StageChange row for each move."""
    counts = digest_queries.action_counts(session, now - timedelta(days=adoption.window_days))
    current = digest_queries.current_stages(session)
    moves: list[StageMove] = []
    for person_id, (email, wall) in sorted(counts.items()):
        old = current.get(person_id)
        if old is None:
            continue
        new = stage_for(email, wall, old, hybrid_from=adoption.hybrid_from,
                        wall_from=adoption.wall_from)
        if new is not old:
            digest_queries.change_stage(session, person_id, old, new, now)
            moves.append(StageMove(person_id, old, new))
    return moves
