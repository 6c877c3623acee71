"""Reliability: no acknowledged message is lost or doubled, whatever happens to the process.

`250` is a promise. These tests break the gateway on purpose (SIGKILL in the
middle of a stream, a message the pipeline cannot process) and read the store
afterwards to check the promise was kept.
"""

from __future__ import annotations

import asyncio
import smtplib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from benchmarks.mailgen import Sample, generate_samples
from gateway.pipeline import Pipeline
from gateway.server import Gateway
from parsers import ParsedMail, parse
from tests.gateway.conftest import (
    ENTRAIDE,
    FINAL_STATES,
    THOMAS,
    Serve,
    Site,
    free_port,
)
from wall_store import config as config_mod

MESSAGES = 1000
CONNECTIONS = 4
KILL_AFTER_ACKS = 300
# Generous: a stuck client must fail the test, not hang it.
GIVE_UP_AFTER = 120.0


@pytest.fixture(scope="module")
def corpus() -> list[Sample]:
    """1,000 realistic messages that should each become one post.

    New threads and replies (Outlook, Gmail, Apple, Thunderbird quoting, French
    and English). Left out: auto-replies, list mail and bounces (dropped by
    design), a lone `+1` (a like) and forwards (each forwarded original becomes
    a post under its own Message-ID), so that every message sent has exactly one
    expected post under its own Message-ID.
    """
    wanted = ("post", "reply")
    samples = (
        s for s in generate_samples(MESSAGES * 2, seed=2025)
        if s.kind in wanted and s.message_id and s.new_text.strip() != "+1"
    )
    chosen = [s for _, s in zip(range(MESSAGES), samples, strict=False)]
    assert len(chosen) == MESSAGES
    return chosen


def bare_id(message_id: str) -> str:
    return message_id.strip().strip("<>")


@dataclass
class Sender:
    """Clients that stream messages and resend whatever was not acknowledged.

    A message counts as acknowledged only when its DATA got `250`. Any error
    (refused connection, reset, timeout, 4xx) means "not acknowledged": the
    client reconnects and sends the same message again, as a relay would.
    """

    port: int
    samples: list[Sample]
    connections: int
    acked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self._stream, args=(self.samples[n::self.connections],),
                             daemon=True)
            for n in range(self.connections)
        ]
        for thread in threads:
            thread.start()
        return threads

    def _stream(self, samples: list[Sample]) -> None:
        deadline = time.monotonic() + GIVE_UP_AFTER
        smtp: smtplib.SMTP | None = None
        pending = list(samples)
        while pending:
            if time.monotonic() > deadline:
                self.failures.append(f"{len(pending)} message(s) never acknowledged")
                return
            sample = pending[0]
            try:
                if smtp is None:
                    smtp = smtplib.SMTP("127.0.0.1", self.port, timeout=30,
                                        local_hostname="mx1.lumiere-sa.fr")
                smtp.sendmail(sample.author, [ENTRAIDE], sample.raw)
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code < 500:
                    self._lost(f"{exc.smtp_code} {exc.smtp_error!r}")
                    smtp = _close(smtp)
                    continue
                self.failures.append(f"{sample.message_id}: refused {exc.smtp_code}")
                return
            except (OSError, smtplib.SMTPException) as exc:
                self._lost(type(exc).__name__)
                smtp = _close(smtp)
                time.sleep(0.05)  # the server is down: try again shortly
                continue
            with self.lock:
                self.acked.append(bare_id(sample.message_id or ""))
            pending.pop(0)
        _close(smtp)

    def _lost(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        smtp.close()  # closes the socket only; never raises for a dead peer
    return None


def wait_for(condition: Any, what: str, timeout: float = GIVE_UP_AFTER) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.005)


def test_sigkill_while_streaming_loses_and_doubles_nothing_acknowledged(
    corpus: list[Sample], sqlite_site: Site, serve: Serve
) -> None:
    # SQLite only: a restarted single node takes back the claims of the killed one at
    # once. On PostgreSQL (several nodes) a dead node's claims wait for the 10-minute lease.
    gateway = serve(sqlite_site)
    sender = Sender(gateway.port, corpus, CONNECTIONS)
    threads = sender.run()

    wait_for(lambda: len(sender.acked) >= KILL_AFTER_ACKS, f"{KILL_AFTER_ACKS} acknowledgements")
    gateway.kill()
    acked_before_kill = len(sender.acked)
    gateway.start()

    for thread in threads:
        thread.join(GIVE_UP_AFTER)
    assert not sender.failures, sender.failures
    assert acked_before_kill < MESSAGES, "the kill came after the stream had ended"
    assert sender.errors, "no client noticed the kill: it did not interrupt anything"
    assert len(sender.acked) == MESSAGES

    sqlite_site.wait_until_settled(timeout=GIVE_UP_AFTER)
    posted = Counter(post["message_id"] for post in sqlite_site.posts("entraide-it"))
    doubled = {mid: n for mid, n in posted.items() if n > 1}
    assert not doubled, f"Message-IDs on the wall more than once: {doubled}"
    missing = set(sender.acked) - set(posted)
    assert not missing, f"acknowledged but not on the wall: {sorted(missing)[:5]}"
    rows = sqlite_site.raw_messages()
    unfinished = [(r.id, r.status.value, r.last_error) for r in rows
                  if r.status.value not in FINAL_STATES]
    assert not unfinished
    # A resend after a lost `250` is a second delivery of the same message; it is
    # recognised, never posted again.
    reasons = Counter(r.reason for r in rows)
    print(f"acked before kill {acked_before_kill}, client errors {Counter(sender.errors)}, "
          f"raw rows {len(rows)}: {dict(reasons)}")
    assert set(reasons) <= {"posted", "duplicate"}, reasons
    assert reasons["posted"] == MESSAGES


@dataclass
class InProcessGateway:
    """`Gateway` on its own asyncio loop in a thread, so a test can swap its parser."""

    gateway: Gateway
    ready: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    loop: asyncio.AbstractEventLoop | None = None
    stopping: asyncio.Event | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=asyncio.run, args=(self._main(),), daemon=True)
        self.thread.start()
        if not self.ready.wait(30):
            pytest.fail("the in-process gateway did not start")

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stopping = asyncio.Event()
        await self.gateway.start()
        self.ready.set()
        await self.stopping.wait()
        await self.gateway.stop()

    def stop(self) -> None:
        if self.loop and self.stopping:
            self.loop.call_soon_threadsafe(self.stopping.set)
        if self.thread:
            self.thread.join(60)


@pytest.fixture
def in_process(sqlite_site: Site) -> Iterator[Any]:
    started: list[InProcessGateway] = []

    def start(parser: Any, **settings: str | int) -> int:
        port = free_port()
        env = sqlite_site.env(smtp_port=port, **settings)
        gateway = Gateway(config_mod.load(sqlite_site.config, env=env))
        # The workers call `gateway.pipeline` at each step, so the swap takes effect.
        gateway.pipeline = Pipeline(gateway.sessions, gateway.settings, parser=parser)
        running = InProcessGateway(gateway)
        started.append(running)
        running.start()
        return port

    yield start
    for running in started:
        running.stop()


def test_a_message_that_breaks_the_pipeline_is_quarantined_and_the_others_flow(
    sqlite_site: Site, in_process: Any
) -> None:
    def parser_that_chokes_on_one_message(raw: bytes, **kwargs: Any) -> ParsedMail:
        if b"<rapport-corrompu@lumiere-sa.fr>" in raw:
            raise ValueError("simulated parser crash on a malformed report")
        return parse(raw, **kwargs)

    port = in_process(parser_that_chokes_on_one_message,
                      pipeline_max_attempts=3, pipeline_retry_base_seconds=0)
    subjects = {
        "avant@lumiere-sa.fr": "Café d'accueil des nouveaux arrivants",
        "rapport-corrompu@lumiere-sa.fr": "Rapport mensuel (pièce jointe)",
        "apres@lumiere-sa.fr": "Covoiturage pour le séminaire",
    }
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for message_id, subject in subjects.items():
            raw = (
                f"From: Thomas Bernard <{THOMAS}>\r\nTo: {ENTRAIDE}\r\n"
                f"Subject: {subject}\r\nMessage-ID: <{message_id}>\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                f"Bonjour, {subject.lower()} : détails à suivre.\r\n"
            ).encode()
            smtp.sendmail(THOMAS, [ENTRAIDE], raw)
    sqlite_site.wait_until_settled()
    rows = {r.message_id or "": r for r in sqlite_site.raw_messages()}
    assert sorted(p["message_id"] for p in sqlite_site.posts("entraide-it")) == [
        "apres@lumiere-sa.fr", "avant@lumiere-sa.fr"]
    [broken] = [r for r in sqlite_site.raw_messages() if r.status.value == "quarantined"]
    assert broken.attempts == 3
    assert "simulated parser crash" in (broken.last_error or "")
    assert rows["avant@lumiere-sa.fr"].status.value == "done"
    assert rows["apres@lumiere-sa.fr"].status.value == "done"

