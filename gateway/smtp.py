"""The SMTP and LMTP listeners (aiosmtpd).

Thin on purpose: a recipient is checked at RCPT, the message is stored at DATA,
and `250` is said only after the store has committed. Database work runs in a
thread pool so that one slow commit never stalls the other sessions.
"""

from __future__ import annotations

import asyncio
import io
import logging
import ssl
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import MISSING, SMTP, Envelope
from aiosmtpd.smtp import Session as SMTPSession
from sqlalchemy.orm import Session, sessionmaker

from gateway.authentication import Network, from_relay
from gateway.intake import Refusal, Target, resolve_recipient, store_message
from gateway.verify import Verifier
from parsers.mime import MAX_HEADER_BYTES, MAX_HEADER_LINES
from wall_store.models import MessageSource
from wall_store.reasons import Reason

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
        verifier: Verifier | None = None,
        relays: tuple[Network, ...] = (),
        verify_executor: Executor | None = None,
    ) -> None:
        self.sessions = sessions
        # Mailwall as the MX: mail from clients that are no trusted relay is verified
        # (SPF, DKIM, ARC, DMARC) in `verify_executor`, off the event loop, for at most
        # `verifier.settings.budget` seconds before it is stored.
        self.verifier = verifier
        self.relays = relays
        self.verify_executor = verify_executor
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

    async def _verify(self, session: SMTPSession, envelope: Envelope) -> str | None:
        """Mailwall's own Authentication-Results for this delivery, or None when it does not
        verify (no verifier, or a trusted relay). A check that overruns its budget (DNS
        that answers slowly) is a temperror: `250` is never held longer than that."""
        peer = _peer_ip(session.peer)
        if self.verifier is None or peer is None or from_relay(peer, self.relays):
            return None
        verifier = self.verifier
        raw = envelope.original_content or b""
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(
                self.verify_executor,
                lambda: verifier.authenticate(raw, ip=peer, mail_from=envelope.mail_from or "",
                                              helo=session.host_name or "")),
                timeout=verifier.settings.budget)
        except Exception as exc:  # noqa: BLE001 - a timeout or a library's fault: temperror
            log.warning("verifying the sender from %s failed: %r", peer, exc)
            return verifier.temperror(type(exc).__name__)

    def _store(self, envelope: Envelope, peer: object = None,
               verdict: str | None = None) -> list[int]:
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
            peer_ip=_peer_ip(peer),
            authentication_results=verdict,
        )

    async def handle_DATA(self, server: SMTP, session: SMTPSession, envelope: Envelope) -> str:
        loop = asyncio.get_running_loop()
        verdict = await self._verify(session, envelope)
        try:
            ids = await loop.run_in_executor(self.executor, self._store, envelope, session.peer,
                                             verdict)
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


def _peer_ip(peer: object) -> str | None:
    """The client's address from aiosmtpd's `session.peer` ((host, port, ...) for TCP)."""
    if isinstance(peer, tuple) and peer and isinstance(peer[0], str):
        return peer[0]
    return None


class BoundedData:
    """``DATA`` read into one buffer, with the header section bounded while it is read.

    aiosmtpd keeps DATA as a list of line objects (about 60 bytes each before the text): 24 MB
    of blank lines, under the size limit, took 2 GB. This reads the same way (only
    ``<CRLF>.<CRLF>`` ends DATA, so SMTP smuggling's bare-LF dots stay text; lines over
    ``line_length_limit`` get ``500``; over ``data_size_limit`` gets ``552``; dots are
    unstuffed) into one buffer, and refuses a header section over ``MAX_HEADER_BYTES``
    or ``MAX_HEADER_LINES`` with ``552 5.3.4`` (``Reason.HEADER_TOO_LARGE``), like Exchange and
    in the spirit of Postfix's ``header_size_limit``, instead of storing what no parser should
    be asked to read. Blank lines before the first header line do not end the header section
    (MTAs drop them; so does the parser).

    Written over aiosmtpd 1.4's ``SMTP.smtp_DATA``, whose attributes it uses; the SMTP smuggling,
    size and line-length tests in ``tests/gateway`` hold it to aiosmtpd's behaviour.
    """

    async def smtp_DATA(self, arg: str) -> None:  # noqa: C901 - one loop, as in aiosmtpd
        server: Any = self
        if await server.check_helo_needed() or await server.check_auth_needed("DATA"):
            return
        assert server.envelope is not None
        if not server.envelope.rcpt_tos:
            await server.push("503 Error: need RCPT command")
            return
        if arg:
            await server.push("501 Syntax: DATA")
            return
        await server.push("354 End data with <CR><LF>.<CR><LF>")
        data = io.BytesIO()  # getvalue() hands its buffer over without a copy
        fragments: list[bytes] = []
        refusal: str | None = None
        num_bytes = 0
        limit: int | None = server.data_size_limit
        in_header, header_started = True, False
        header_bytes = header_lines = 0
        while server.transport is not None:
            try:
                line: bytes = await server._reader.readuntil(b"\r\n")
            except asyncio.CancelledError:
                log.info("connection lost during DATA")
                server._writer.close()
                raise
            except asyncio.LimitOverrunError as exc:
                if refusal is None:
                    refusal = "500 Line too long (see RFC5321 4.5.3.1.6)"
                    data = io.BytesIO()
                line = await server._reader.read(exc.consumed)
            if not fragments and line == b".\r\n":
                break
            num_bytes += len(line)
            if refusal is None and limit and num_bytes > limit:
                refusal = "552 Error: Too much mail data"
                data = io.BytesIO()
            fragments.append(line)
            if not line.endswith(b"\r\n"):
                continue
            whole = fragments[0] if len(fragments) == 1 else b"".join(fragments)
            fragments.clear()
            if refusal is not None:
                continue
            if len(whole) > server.line_length_limit:
                refusal = "500 Line too long (see RFC5321 4.5.3.1.6)"
                data = io.BytesIO()
                continue
            if in_header:
                if whole == b"\r\n":
                    in_header = not header_started
                else:
                    header_started = True
                    header_lines += 1
                    header_bytes += len(whole)
                    if header_lines > MAX_HEADER_LINES or header_bytes > MAX_HEADER_BYTES:
                        refusal = Reason.HEADER_TOO_LARGE.smtp
                        data = io.BytesIO()
                        continue
            # Dot-unstuffing (RFC 5321 4.5.2).
            data.write(memoryview(whole)[1:] if whole.startswith(b".") else whole)

        if refusal is not None:
            log.info("refused DATA from %s: %s", server.envelope.mail_from, refusal)
            # LMTP answers once per recipient (RFC 2033), refusals included.
            replies = len(server.envelope.rcpt_tos) if isinstance(server, LMTP) else 1
            server._set_post_data_state()
            for _ in range(replies):
                await server.push(refusal)
            return
        original_content = data.getvalue()
        del data
        server.envelope.original_content = original_content
        server.envelope.content = (
            original_content.decode("utf-8", errors="surrogateescape")
            if server._decode_data else original_content
        )
        status = await server._call_handler_hook("DATA") if "DATA" in server._handle_hooks \
            else MISSING
        server._set_post_data_state()
        await server.push("250 OK" if status is MISSING else status)


class BoundedSMTP(BoundedData, SMTP):
    pass


class BoundedLMTP(BoundedData, LMTP):
    pass


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
    cls = BoundedLMTP if lmtp else BoundedSMTP

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
