"""Delivers the outbox: to the smarthost over SMTP, or into a Maildir when none is set."""

from __future__ import annotations

import logging
import mailbox
import os
import smtplib
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from wall_store import outbox
from wall_store.blobs import get_blob
from wall_store.config import Config
from wall_store.models import OutboxMessage

log = logging.getLogger("mailwall.outbox")


class Mailer(Protocol):
    def send(self, envelope_from: str, recipient: str, raw: bytes) -> None: ...


class MaildirMailer:
    """For a newcomer with no smarthost: what Mailwall sends lands in a folder to read."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, envelope_from: str, recipient: str, raw: bytes) -> None:
        box = mailbox.Maildir(self.path, create=True)
        box.add(raw)


class SmtpMailer:
    def __init__(self, host: str, port: int, *, starttls: bool, username: str,
                 password: str) -> None:
        self.host, self.port, self.starttls = host, port, starttls
        self.username, self.password = username, password

    def send(self, envelope_from: str, recipient: str, raw: bytes) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=60) as client:
            client.ehlo()
            if self.starttls and client.has_extn("starttls"):
                client.starttls()
                client.ehlo()
            if self.username:
                client.login(self.username, self.password)
            client.sendmail(envelope_from, [recipient], raw)


def mailer_from_config(config: Config) -> Mailer:
    out = config.outbound
    if not out.smarthost:
        return MaildirMailer(config.outbox_maildir)
    password = os.environ.get(out.password_env, "") if out.password_env else ""
    return SmtpMailer(out.smarthost, out.port, starttls=out.starttls, username=out.username,
                      password=password)


def deliver_due(
    sessions: sessionmaker[Session], mailer: Mailer, *, retry_base: timedelta,
    max_attempts: int = 10,
) -> int:
    """Sends what is due; a refused delivery is retried later with backoff.

    The sending happens outside any transaction and each result is recorded in a
    short one of its own: a slow smarthost must not hold SQLite's write lock (the
    intake's `250` waits on it), and a crash re-sends at most the mail in hand,
    not every mail of the batch.
    """
    with sessions() as session:
        batch = [(row.id, row.envelope_from, row.recipient, get_blob(session, row.blob_sha256))
                 for row in outbox.due(session) if row.attempts < max_attempts]
    sent = 0
    for outbox_id, envelope_from, recipient, raw in batch:
        error: str | None = None
        try:
            mailer.send(envelope_from, recipient, raw or b"")
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("outbox %s to %s failed: %s", outbox_id, recipient, exc)
            error = str(exc)[:2000]
        with sessions() as session, session.begin():
            row = session.get(OutboxMessage, outbox_id)
            if row is None:
                continue
            if error is None:
                outbox.mark_sent(session, row)
                sent += 1
            else:
                outbox.mark_failed(session, row, error, retry_base * 2 ** min(row.attempts, 10))
    return sent
