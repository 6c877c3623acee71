"""Bounces of Mailwall's own mail, counted per address; past a threshold the address is
suppressed: no digest, notification or notice goes to it until an operator lifts it.

The score is Mailman's bounce score: a hard bounce (5.x.x) adds 1, a soft one
(4.x.x reported as a final failure) 0.5; at most one bounce counts per address and
day, so that a burst of notifications to a full mailbox is one bad day, not ten;
and a score with no bounce for `stale_after` starts again from zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.config import Config
from wall_store.errors import InvalidInput
from wall_store.models import AddressBounces, BounceEvent, BounceKind

WEIGHT = {BounceKind.HARD: 1.0, BounceKind.SOFT: 0.5}


@dataclass(frozen=True)
class BounceRules:
    threshold: float = 3.0
    stale_after: timedelta = timedelta(days=30)

    @classmethod
    def from_config(cls, config: Config) -> BounceRules:
        return cls(threshold=config.outbound.bounce_threshold,
                   stale_after=timedelta(days=config.outbound.bounce_stale_days))


def state_of(session: Session, address: str) -> AddressBounces | None:
    return session.scalar(select(AddressBounces).where(AddressBounces.address == address.lower()))


def record_bounce(
    session: Session, address: str, kind: BounceKind, *, rules: BounceRules,
    status: str | None = None, diagnostic: str | None = None, outbox_id: int | None = None,
    raw_message_id: int | None = None, now: datetime | None = None,
) -> AddressBounces:
    """Counts one bounce against the address; suppresses it when the score reaches the
    threshold. Returns the address's state."""
    now = now or utcnow()
    state = state_of(session, address)
    if state is None:
        state = AddressBounces(address=address.lower(), score=0.0, hard=0, soft=0)
        session.add(state)
    last = state.last_bounce_at
    if last is not None and now - last > rules.stale_after:
        state.score = 0.0
    counted = last is None or last.date() != now.date() or now - last > rules.stale_after
    if kind is BounceKind.HARD:
        state.hard = (state.hard or 0) + 1
    else:
        state.soft = (state.soft or 0) + 1
    if counted:
        state.score = (state.score or 0.0) + WEIGHT[kind]
        state.last_bounce_at = now
    state.last_status = (status or "")[:16] or None
    state.last_diagnostic = diagnostic[:2000] if diagnostic else None
    if state.suppressed_at is None and state.score >= rules.threshold:
        state.suppressed_at = now
    session.add(BounceEvent(address=address.lower(), kind=kind, counted=counted, status=status,
                            diagnostic=diagnostic, outbox_id=outbox_id,
                            raw_message_id=raw_message_id, at=now))
    session.flush()
    return state


def suppressed_among(session: Session, addresses: Iterable[str]) -> set[str]:
    """Which of these addresses (lower-cased) Mailwall no longer mails."""
    wanted = {a.lower() for a in addresses}
    if not wanted:
        return set()
    return set(session.scalars(
        select(AddressBounces.address).where(AddressBounces.address.in_(wanted),
                                             AddressBounces.suppressed_at.is_not(None))))


def unsuppress(session: Session, address: str) -> AddressBounces:
    """Mail goes to the address again, its score from zero (the counts stay, for the record)."""
    state = state_of(session, address)
    if state is None or state.suppressed_at is None:
        raise InvalidInput(f"{address} is not suppressed; mail already goes to it")
    state.suppressed_at = None
    state.score = 0.0
    state.last_bounce_at = None
    return state


def bounce_view(state: AddressBounces | None) -> dict[str, Any]:
    """What `mailwall user show` says about an address's bounces."""
    if state is None:
        return {"bounces": "none", "suppressed": False}
    return {
        "bounces": f"{state.hard} hard, {state.soft} soft (score {state.score:g})",
        "last_bounce": " ".join(filter(None, [
            state.last_bounce_at.isoformat(timespec="seconds") if state.last_bounce_at else "",
            state.last_status or "", state.last_diagnostic or ""])) or None,
        "suppressed": state.suppressed_at is not None,
        "suppressed_since": state.suppressed_at.isoformat(timespec="seconds")
        if state.suppressed_at else None,
    }
