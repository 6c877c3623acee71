"""What `mailwall serve` runs for digests: notifications as they fall due, moderation
notices, and the digest run each time the clock may have made some due.

`cli.py` wraps `Scheduler.step` in a `gateway.server.LoopService` (digests may not
import the gateway). Everything it decides is read from the database on each
step; on PostgreSQL an advisory lock keeps two `serve` nodes from running the
same digests at once (DigestSent would refuse a double anyway).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from digests.moderation import send_moderation_notices
from digests.notifications import send_notifications
from digests.run import RunReport, run_digests
from digests.settings import MailSettings
from wall_store.base import utcnow
from wall_store.digest_queries import scheduler_lock

log = logging.getLogger("mailwall.digests")

# Digests fall due on the hour in each person's zone; checking every few minutes is
# enough, and cheap when nothing is due.
DIGEST_EVERY = timedelta(minutes=5)


class Scheduler:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session],
                 settings: MailSettings) -> None:
        self.engine = engine
        self.sessions = sessions
        self.settings = settings
        self.next_digest_check: datetime | None = None

    def step(self) -> bool:
        """One pass; returns whether it queued anything (the loop then runs again at once)."""
        now = utcnow()
        queued = send_notifications(self.sessions, self.settings, now=now)
        queued += send_moderation_notices(self.sessions, self.settings, now=now)
        if self.next_digest_check is None or now >= self.next_digest_check:
            self.next_digest_check = now + DIGEST_EVERY
            with scheduler_lock(self.engine) as mine:
                if mine:
                    report = run_digests(self.sessions, self.settings, now=now)
                    if report.sent:
                        log.info("queued %d digest(s)", report.sent)
                    queued += report.sent
        return queued > 0


def run_digests_alone(sessions: sessionmaker[Session], settings: MailSettings,
                      *, dry_run: bool = False) -> RunReport | None:
    """`mailwall digest run`: the scheduler's own run, under the same lock as the `serve`
    nodes' schedulers; None when one of them is running digests right now (DigestSent
    would refuse a double, but the loser's transaction would fail half-way)."""
    if dry_run:
        return run_digests(sessions, settings, dry_run=True)
    with scheduler_lock(sessions.kw["bind"]) as mine:
        return run_digests(sessions, settings) if mine else None
