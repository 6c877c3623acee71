"""The SMTP and LMTP listeners (aiosmtpd).

Thin on purpose: a recipient is checked at RCPT, the message is stored at DATA,
and `250` is said only after the store has committed. Database work runs in a
thread pool so that one slow commit never stalls the other sessions.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SMTPSession
from sqlalchemy.orm import Session, sessionmaker

from gateway.intake import Refusal, Target, resolve_recipient, store_message
from wall_store.models import MessageSource

log = logging.getLogger("mailwall.smtp")

TEMPFAIL = "451 4.3.0 Temporary failure storing the message, try again later"


class IntakeHandler:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        domain: str,
        secret: bytes,
        source: MessageSource,
        executor: Executor | None = None,
        on_stored: Callable[[], None] = lambda: None,
    ) -> None:
        self.sessions = sessions
        self.domain = domain
        self.secret = secret
        self.source = source
        self.executor = executor
        self.on_stored = on_stored

    async def handle_EHLO(
        self,
        server: SMTP,
        session: SMTPSession,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        # aiosmtpd reads commands as a stream, so pipelined commands already work;
        # it just never says so. Advertising PIPELINING (RFC 2920; required for
        # LMTP by RFC 2033) saves a round trip per command for busy relays.
        # With this five-argument hook aiosmtpd leaves recording the name to us.
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    def _resolve(self, address: str) -> Target | Refusal:
        with self.sessions() as session:
            return resolve_recipient(session, address, domain=self.domain, secret=self.secret)

    async def handle_RCPT(
        self,
        server: SMTP,
        session: SMTPSession,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(self.executor, self._resolve, address)
        except Exception:
            log.exception("recipient lookup failed for %s", address)
            return "451 4.3.0 Temporary failure looking up the recipient, try again later"
        if isinstance(outcome, Refusal):
            log.info("refused RCPT %s: %s", address, outcome.reason.code)
            return outcome.smtp
        envelope.rcpt_tos.append(address)
        targets: list[tuple[str, Target]] = envelope.__dict__.setdefault("mailwall_targets", [])
        targets.append((address, outcome))
        return "250 2.1.5 Recipient OK"

    def _store(self, envelope: Envelope) -> list[int]:
        targets: list[Target] = []
        for _address, target in envelope.__dict__.get("mailwall_targets", []):
            if target not in targets:
                targets.append(target)
        return store_message(
            self.sessions,
            envelope.original_content or b"",
            source=self.source,
            envelope_from=envelope.mail_from or "",
            envelope_to=list(envelope.rcpt_tos),
            targets=targets,
        )

    async def handle_DATA(self, server: SMTP, session: SMTPSession, envelope: Envelope) -> str:
        loop = asyncio.get_running_loop()
        try:
            ids = await loop.run_in_executor(self.executor, self._store, envelope)
        except Exception:
            # Nothing was committed: a temporary failure makes the client retry,
            # which is how a message is never lost.
            log.exception("storing a message from %s failed", envelope.mail_from)
            status = TEMPFAIL
        else:
            self.on_stored()
            status = f"250 2.0.0 OK queued as {ids[0] if ids else 0}"
        if isinstance(server, LMTP):
            # LMTP answers once per recipient (RFC 2033).
            return "\r\n".join(status for _ in envelope.rcpt_tos)
        return status


def tls_context(cert: str, key: str) -> ssl.SSLContext | None:
    if not (cert and key):
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def smtp_factory(
    handler: IntakeHandler,
    *,
    hostname: str,
    max_message_bytes: int,
    tls: ssl.SSLContext | None,
    lmtp: bool = False,
) -> Callable[[], Any]:
    cls = LMTP if lmtp else SMTP

    def build() -> SMTP:
        return cls(
            handler,
            hostname=hostname,
            data_size_limit=max_message_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            tls_context=tls,
            ident="Mailwall ESMTP",
        )

    return build
