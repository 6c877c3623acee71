"""Sign-in links (stored by hash, single use, expiring) and rate limits that hold across
several `serve` nodes because they live in the database."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.models import LoginToken, Person, RateEvent


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, person: Person, *, ttl: timedelta = timedelta(minutes=30)
                ) -> str:
    token = secrets.token_urlsafe(32)
    session.add(LoginToken(token_sha256=_sha(token), person_id=person.id,
                           expires_at=utcnow() + ttl))
    session.flush()
    return token


def token_is_usable(session: Session, token: str) -> bool:
    row = session.scalar(select(LoginToken).where(LoginToken.token_sha256 == _sha(token)))
    return row is not None and row.used_at is None and row.expires_at > utcnow()


def redeem_token(session: Session, token: str) -> int | None:
    """The person the token signs in, once: a guarded UPDATE so that two clicks racing
    on two nodes cannot both succeed."""
    now = utcnow()
    row = session.scalar(select(LoginToken).where(LoginToken.token_sha256 == _sha(token)))
    if row is None:
        return None
    changed = session.execute(
        update(LoginToken)
        .where(LoginToken.id == row.id, LoginToken.used_at.is_(None),
               LoginToken.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return row.person_id if changed else None


def hit(session: Session, key: str, *, limit: int, window: timedelta,
        now: datetime | None = None) -> bool:
    """Counts one event under `key`; False when `limit` were already counted in `window`."""
    now = now or utcnow()
    since = now - window
    count = session.scalar(
        select(func.count(RateEvent.id)).where(RateEvent.key == key, RateEvent.at >= since)
    ) or 0
    if count >= limit:
        return False
    session.add(RateEvent(key=key[:200], at=now))
    # Old events only slow the count down; each hit sweeps its own key.
    session.execute(delete(RateEvent).where(RateEvent.key == key, RateEvent.at < since))
    return True
