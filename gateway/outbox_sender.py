"""Delivers the outbox: to the smarthost over SMTP, or into a Maildir when none is set."""

from __future__ import annotations

import logging
import mailbox
import os
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from wall_store import bounces, outbox
from wall_store.base import utcnow
from wall_store.bounces import BounceRules
from wall_store.config import Config, ConfigError
from wall_store.models import BounceKind, OutboxStatus
from wall_store.tokens import bounce_address

log = logging.getLogger("mailwall.outbox")


class Mailer(Protocol):
    def send(
        self, envelope_from: str, recipient: str, raw: bytes, *,
        handing: Callable[[], None] = lambda: None,
    ) -> None:
        """Delivers `raw`; calls `handing` once the receiver has everything but the
        final commit (DATA's dot), so that a crash after it is not sent twice."""


class MaildirMailer:
    """For a newcomer with no smarthost: what Mailwall sends lands in a folder to read."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(
        self, envelope_from: str, recipient: str, raw: bytes, *,
        handing: Callable[[], None] = lambda: None,
    ) -> None:
        box = mailbox.Maildir(self.path, create=True)
        handing()
        box.add(raw)


TLS_MODES = ("starttls", "implicit", "none")


class SmarthostRefused(smtplib.SMTPException):
    """The smarthost connection is not safe to use: the operator's to mend, so the mail
    waits and is retried (never a bounce); the message says why in one sentence."""


class SmtpMailer:
    """Sends through the smarthost. Its certificate is verified (the system's CAs, or
    `ca_file` for an internal CA), and the password never goes over a connection
    without TLS unless `allow_plain_auth` says so."""

    def __init__(self, host: str, port: int, *, starttls: bool = True, username: str = "",
                 password: str = "", implicit_tls: bool = False, ca_file: str = "",
                 allow_plain_auth: bool = False) -> None:
        self.host, self.port = host, port
        self.starttls, self.implicit_tls = starttls, implicit_tls
        self.username, self.password = username, password
        self.allow_plain_auth = allow_plain_auth
        # Verifies the chain and the host name; with a CA file, only that CA is trusted.
        self.context = ssl.create_default_context(cafile=ca_file or None)

    def send(
        self, envelope_from: str, recipient: str, raw: bytes, *,
        handing: Callable[[], None] = lambda: None,
    ) -> None:
        try:
            self._send(envelope_from, recipient, raw, handing)
        except ssl.SSLCertVerificationError as exc:
            raise SmarthostRefused(
                f"The smarthost {self.host}:{self.port} presented a certificate that could "
                f"not be verified ({exc.verify_message}), so nothing was sent: fix its "
                "certificate or set outbound.ca_file to the CA that signed it."
            ) from None

    def _send(
        self, envelope_from: str, recipient: str, raw: bytes, handing: Callable[[], None]
    ) -> None:
        client: smtplib.SMTP
        if self.implicit_tls:
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=60, context=self.context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=60)
        with client:
            client.ehlo()
            encrypted = self.implicit_tls
            if not encrypted and self.starttls and client.has_extn("starttls"):
                client.starttls(context=self.context)
                client.ehlo()
                encrypted = True
            if self.username:
                if not encrypted and not self.allow_plain_auth:
                    raise SmarthostRefused(
                        f"The smarthost {self.host}:{self.port} offered no TLS, so the "
                        "password was not sent in clear and nothing was sent: enable "
                        "STARTTLS there, or set outbound.allow_plain_auth = true."
                    )
                client.login(self.username, self.password)
            _send_in_two_steps(client, envelope_from, recipient, raw, handing)


_LINE_END = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


def _send_in_two_steps(
    client: smtplib.SMTP, envelope_from: str, recipient: str, raw: bytes,
    handing: Callable[[], None],
) -> None:
    """`sendmail` for one recipient, with `handing` called between the message and
    DATA's final dot: the receiver commits to the mail only at that dot, so a crash
    before it leaves nothing delivered, and one after it is recorded as handed over."""
    code, reply = client.mail(envelope_from)
    if code != 250:
        client.rset()
        raise smtplib.SMTPSenderRefused(code, reply, envelope_from)
    code, reply = client.rcpt(recipient)
    if code not in (250, 251):
        client.rset()
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = client.docmd("data")
    if code != 354:
        client.rset()
        raise smtplib.SMTPDataError(code, reply)
    data = _LEADING_DOT.sub(b"..", _LINE_END.sub(b"\r\n", raw))
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    try:
        client.send(data)
        handing()
    except BaseException:
        # No QUIT inside DATA (it would be read as a line of the message): drop the
        # connection, and the relay discards the unfinished mail.
        client.close()
        raise
    client.send(b".\r\n")
    code, reply = client.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def mailer_from_config(config: Config) -> Mailer:
    out = config.outbound
    if not out.smarthost:
        return MaildirMailer(config.outbox_maildir)
    mode = out.tls.strip().lower() or ("starttls" if out.starttls else "none")
    if mode not in TLS_MODES:
        raise ConfigError(f"[outbound] tls must be one of {', '.join(TLS_MODES)}, "
                          f"not {out.tls!r}")
    ca_file = str(config.resolve(out.ca_file)) if out.ca_file else ""
    password = os.environ.get(out.password_env, "") if out.password_env else ""
    try:
        return SmtpMailer(out.smarthost, out.port, starttls=mode == "starttls",
                          implicit_tls=mode == "implicit", username=out.username,
                          password=password, ca_file=ca_file,
                          allow_plain_auth=out.allow_plain_auth)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"[outbound] ca_file {ca_file} cannot be read as PEM "
                          f"certificates ({exc})") from None


@dataclass(frozen=True)
class SendSettings:
    """What the outbox sender needs from the configuration, as one value."""

    domain: str
    secret: bytes
    retry_base: timedelta = timedelta(seconds=60)
    max_attempts: int = 10
    # Longer than a send can take (smtplib's timeout is 60 s per step), so that a live
    # sender's claim is never taken over; a dead one's is, after this.
    lease: timedelta = timedelta(minutes=10)
    batch: int = 20
    bounces: BounceRules = BounceRules()

    @classmethod
    def from_config(cls, config: Config) -> SendSettings:
        out = config.outbound
        return cls(
            domain=config.smtp.domain.lower(),
            secret=config.secret(),
            retry_base=timedelta(seconds=out.retry_base_seconds),
            max_attempts=out.max_attempts,
            lease=timedelta(seconds=out.claim_lease_seconds),
            bounces=BounceRules.from_config(config),
        )


@dataclass(frozen=True)
class SendFailure:
    """Why a send did not happen: the smarthost's code when it answered, and whether
    trying again can help (4xx, no connection) or not (5xx)."""

    error: str
    code: int | None
    permanent: bool
    # Refused by the recipient's side (RCPT), as opposed to our sender or the session.
    recipient_refused: bool = False

    @property
    def enhanced_status(self) -> str | None:
        match = ENHANCED.search(self.error)
        return match.group(0) if match else None


ENHANCED = re.compile(r"\b[245]\.\d{1,3}\.\d{1,3}\b")


def classify(exc: BaseException) -> SendFailure:
    """5xx is permanent; 4xx, a dropped connection or a refused login are transient
    (the last is the operator's to mend, as Postfix defers on a SASL failure)."""
    code: int | None = None
    text = str(exc)
    refused_rcpt = False
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, reply = next(iter(exc.recipients.values()))
        text = f"{code} {reply.decode('utf-8', 'replace') if isinstance(reply, bytes) else reply}"
        refused_rcpt = True
    elif isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        reply = exc.smtp_error
        text = f"{code} {reply.decode('utf-8', 'replace') if isinstance(reply, bytes) else reply}"
    permanent = (code is not None and 500 <= code < 600
                 and not isinstance(exc, smtplib.SMTPAuthenticationError))
    return SendFailure(" ".join(text.split())[:2000], code, permanent,
                       recipient_refused=refused_rcpt and permanent)


@dataclass(frozen=True)
class Delivery:
    """What one `deliver_due` did."""

    claimed: int = 0
    sent: int = 0
    failed: int = 0  # will be retried
    undeliverable: int = 0
    suppressed: int = 0


def return_path(settings: SendSettings, mail: outbox.Claimed) -> str:
    """The envelope sender: the null sender stays null (notices to senders, RFC 3834);
    every other mail gets its own VERP address, so a bounce names the mail it is for."""
    if not mail.envelope_from or mail.envelope_from == "<>":
        return ""
    return bounce_address(settings.secret, settings.domain, mail.id)


def deliver_due(
    sessions: sessionmaker[Session], mailer: Mailer, settings: SendSettings, *,
    now: Callable[[], datetime] = utcnow,
) -> Delivery:
    """Claims one batch of due mail and sends it; the `outbox` loop calls again at once
    while there was something to claim (as the pipeline's workers do).

    A claim (`sending`, with a lease) makes each mail one sender's: two `serve`
    processes never send the same mail. A permanent refusal ends the mail at once,
    and mail whose attempts are used up is left out in SQL, so refused mail never
    stands in front of good mail. The sending happens outside any transaction and
    each result is recorded in a short one of its own: a slow smarthost must not
    hold SQLite's write lock (the intake's `250` waits on it). A crash before the mail in
    hand was handed over (`_send_in_two_steps`) sends it again once; after, never.
    """
    claimed_at = now()
    with sessions() as session, session.begin():
        batch = outbox.claim_batch(session, lease=settings.lease, limit=settings.batch,
                                   max_attempts=settings.max_attempts, now=claimed_at)
    sent = failed = undeliverable = 0
    for position, mail in enumerate(batch.to_send):
        if now() - claimed_at > settings.lease / 2:
            # A slow smarthost: past half the lease, the rest could be taken over by
            # another sender while we send it. Give it back instead.
            with sessions() as session, session.begin():
                outbox.release(session, [m.id for m in batch.to_send[position:]])
            break
        def handing(mail_id: int = mail.id) -> None:
            with sessions() as session, session.begin():
                outbox.mark_handed(session, mail_id, now=now())

        try:
            mailer.send(return_path(settings, mail), mail.recipient, mail.raw, handing=handing)
        except (OSError, smtplib.SMTPException) as exc:
            failure = classify(exc)
            log.warning("outbox %s to %s refused: %s", mail.id, mail.recipient, failure.error)
            with sessions() as session, session.begin():
                status = outbox.record_refused(
                    session, mail.id, error=failure.error, code=failure.code,
                    permanent=failure.permanent, retry_base=settings.retry_base,
                    max_attempts=settings.max_attempts, now=now())
            if failure.recipient_refused:
                _count_refusal(sessions, settings, mail, failure, now())
            failed += status is OutboxStatus.FAILED
            undeliverable += status is OutboxStatus.UNDELIVERABLE
            continue
        with sessions() as session, session.begin():
            outbox.record_sent(session, mail.id, now=now())
        sent += 1
    return Delivery(len(batch.to_send) + batch.suppressed, sent, failed, undeliverable,
                    batch.suppressed)


def _count_refusal(sessions: sessionmaker[Session], settings: SendSettings,
                   mail: outbox.Claimed, failure: SendFailure, at: datetime) -> None:
    """A 5xx at RCPT is a bounce without the round trip (Mailman's outgoing runner counts
    it too). In a transaction of its own, after the mail's state: two senders counting
    the same new address at once collide on its unique row, and the loser's count is
    not worth a mail left `sending` until its lease."""
    try:
        with sessions() as session, session.begin():
            bounces.record_bounce(
                session, mail.recipient, BounceKind.HARD, rules=settings.bounces,
                status=failure.enhanced_status or str(failure.code),
                diagnostic=failure.error, outbox_id=mail.id, now=at)
    except IntegrityError:
        log.warning("outbox %s: the refusal of %s was counted by another sender at the "
                    "same moment", mail.id, mail.recipient)
