"""`mailwall serve`: the SMTP (and LMTP) listeners, the pipeline workers, the outbox sender.

One process; all state that matters is in the database, so several such
processes may run against one PostgreSQL. SIGTERM stops the listeners, lets
the workers finish the message in hand, and exits.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from gateway.imap import ImapSupervisor, PollSettings
from gateway.outbox_sender import SendSettings, deliver_due, mailer_from_config
from gateway.pipeline import Pipeline, Settings
from gateway.smtp import IntakeHandler, smtp_factory, tls_context
from gateway.verify import verifier_from_config
from wall_store import queue
from wall_store.config import Config
from wall_store.db import make_engine, session_factory
from wall_store.errors import ServiceStartError
from wall_store.models import MessageSource

log = logging.getLogger("mailwall.serve")


class Service(Protocol):
    """Something else `mailwall serve` runs beside the gateway (the web wall, the digest
    scheduler). `cli.py` composes them, so that `gateway` imports neither `web` nor `digests`."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


@dataclass
class Loop:
    """A background thread that runs `step` until stopped, sleeping when it had nothing to do."""

    name: str
    step: Callable[[], bool]
    idle: float
    wake: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                busy = self.step()
            except Exception:  # noqa: BLE001 - a loop must survive, e.g. a database restart
                log.exception("%s: step failed", self.name)
                busy = False
            if not busy:
                self.wake.wait(self.idle)
                self.wake.clear()

    def join(self, timeout: float | None = None) -> None:
        self.stop.set()
        self.wake.set()
        if self.thread:
            self.thread.join(timeout)


class LoopService:
    """A Service around a step function run in a background thread (e.g. digests)."""

    def __init__(self, name: str, step: Callable[[], bool], idle: float) -> None:
        self.name = name
        self.loop = Loop(name, step, idle)

    async def start(self) -> None:
        self.loop.start()

    async def stop(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.loop.join, 60)


class Gateway:
    def __init__(self, config: Config, services: Sequence[Service] = ()) -> None:
        self.config = config
        self.services = list(services)
        self.engine = make_engine(config.database.url, pool_size=20, max_overflow=20) \
            if not config.database.url.startswith("sqlite") else make_engine(config.database.url)
        self.sessions: sessionmaker[Session] = session_factory(self.engine)
        self.settings = Settings.from_config(config)
        # The workers' commits need not be on disk when they return (see
        # `make_engine(durable=False)`): the raw row the intake committed with a full
        # sync before `250` is what makes a message survive, and pipeline work lost to
        # a power cut is redone from it. Intake, IMAP and the outbox keep self.engine.
        self.worker_engine = make_engine(config.database.url, durable=False) \
            if config.database.url.startswith("sqlite") else \
            make_engine(config.database.url, durable=False, pool_size=5, max_overflow=5)
        self.pipeline = Pipeline(session_factory(self.worker_engine), self.settings)
        self.executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="intake")
        # Sender verification has threads of its own: a check waiting on a slow DNS never
        # takes the threads that store messages.
        self.verify_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="verify")
        self.verifier = verifier_from_config(config)
        self.workers = [
            # A step is a batch of up to `batch_size` claimed messages.
            Loop(f"worker-{n}", lambda: bool(self.pipeline.run_batch()), idle=1.0)
            for n in range(max(1, config.pipeline.workers))
        ]
        mailer = mailer_from_config(config)
        send_settings = SendSettings.from_config(config)
        self.sender = Loop(
            "outbox",
            lambda: deliver_due(self.sessions, mailer, send_settings).claimed > 0,
            idle=5.0,
        )
        self.servers: list[asyncio.base_events.Server] = []
        # One poller thread per enabled IMAP mapping; mappings added while serving
        # are picked up at the next refresh.
        self.imap = ImapSupervisor(self.sessions, self.engine, PollSettings.from_config(config),
                                   on_stored=self._wake_workers)
        self.imap_refresh = Loop("imap", self.imap.refresh, idle=float(config.imap.poll_seconds))

    def _wake_workers(self) -> None:
        for worker in self.workers:
            worker.wake.set()

    async def start(self) -> None:
        # A claim left by a killed run of this node is resumed now rather than after the
        # lease: every claim on SQLite (one process owns the file), this node's own on
        # PostgreSQL (the other nodes' claims are still theirs).
        mine = None if self.engine.dialect.name == "sqlite" else self.settings.node
        with self.sessions() as session, session.begin():
            resumed = queue.release_stale_claims(session, mine)
        if resumed:
            log.info("resuming %d message(s) left in processing by a previous run", resumed)
        smtp = self.config.smtp
        tls = tls_context(
            str(self.config.resolve(smtp.tls_cert)) if smtp.tls_cert else "",
            str(self.config.resolve(smtp.tls_key)) if smtp.tls_key else "",
        )
        loop = asyncio.get_running_loop()
        listeners = [(smtp.port, MessageSource.SMTP, False)]
        if smtp.lmtp_port:
            listeners.append((smtp.lmtp_port, MessageSource.LMTP, True))
        for port, source, lmtp in listeners:
            handler = IntakeHandler(
                self.sessions, domain=self.settings.domain, secret=self.settings.secret,
                source=source, executor=self.executor, on_stored=self._wake_workers,
                verifier=self.verifier, relays=self.settings.trusted_relays,
                verify_executor=self.verify_executor,
            )
            factory = smtp_factory(handler, hostname=smtp.domain,
                                   max_message_bytes=smtp.max_message_bytes, tls=tls, lmtp=lmtp)
            try:
                server = await loop.create_server(factory, host=smtp.host, port=port)
            except OSError as exc:
                key = "smtp.lmtp_port (MAILWALL_SMTP_LMTP_PORT)" if lmtp else \
                    "smtp.port (MAILWALL_SMTP_PORT)"
                raise ServiceStartError(
                    f"cannot listen for {'LMTP' if lmtp else 'SMTP'} on {smtp.host}:{port} "
                    f"({os.strerror(exc.errno) if exc.errno else exc}): set {key} or stop what "
                    "uses it") from None
            self.servers.append(server)
            log.info("%s listening on %s:%s", "LMTP" if lmtp else "SMTP", smtp.host, port)
        for worker in self.workers:
            worker.start()
        self.sender.start()
        self.imap_refresh.start()

    async def stop(self) -> None:
        for service in reversed(self.services):
            await service.stop()
        for server in self.servers:
            server.close()
        for server in self.servers:
            await server.wait_closed()
        loop = asyncio.get_running_loop()
        # Threads are joined off the event loop so that open sessions can still finish DATA.
        await loop.run_in_executor(None, self._join_threads)
        self.executor.shutdown(wait=True)
        self.verify_executor.shutdown(wait=False, cancel_futures=True)
        self.worker_engine.dispose()
        self.engine.dispose()

    def _join_threads(self) -> None:
        self.imap_refresh.join(timeout=60)
        self.imap.stop()
        for worker in [*self.workers, self.sender]:
            worker.join(timeout=60)


async def _serve(
    config: Config, ready: Callable[[Gateway], None] | None, services: Sequence[Service]
) -> None:
    gateway = Gateway(config, services)
    started: list[Service] = []
    try:
        await gateway.start()
        for service in gateway.services:
            await service.start()
            started.append(service)
            log.info("%s started", service.name)
    except ServiceStartError:
        # Stop what did start, so the process ends cleanly with the reason.
        gateway.services = started
        await gateway.stop()
        raise
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    if ready:
        ready(gateway)
    await stopping.wait()
    log.info("stopping: finishing the work in hand")
    await gateway.stop()
    log.info("stopped")


def serve(
    config: Config,
    ready: Callable[[Gateway], None] | None = None,
    services: Sequence[Service] = (),
) -> None:
    asyncio.run(_serve(config, ready, services))
