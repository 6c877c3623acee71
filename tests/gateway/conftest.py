"""A real Mailwall site and a real `mailwall serve` on a loopback port.

`site` is a data folder made by `mailwall init`, with two communities, their
members and their addresses, on SQLite and PostgreSQL (`database_url`);
`sqlite_site` is the same on SQLite only, for the tests whose subject is the
protocol rather than the database. `serve(site, ...)` starts `mailwall serve`
as a subprocess (so that it can be killed with SIGKILL) and waits until its
port accepts connections. Results are read back from the store, never from
the server's memory.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from cli import main
from tests.services import service_missing
from wall_store import queue
from wall_store.communities import create_community
from wall_store.db import make_engine, session_factory
from wall_store.mappings import add_address
from wall_store.models import RawMessage
from wall_store.people import add_member
from wall_store.wall import wall_view

DOMAIN = "mailwall.localhost"
LUMIERE = f"projet-lumiere@{DOMAIN}"  # project community, non-members are moderated
ENTRAIDE = f"entraide-it@{DOMAIN}"  # support community, open to everyone
ELODIE = "elodie.martin@lumiere-sa.fr"
THOMAS = "thomas.bernard@lumiere-sa.fr"
OUTSIDER = "jean.dupont@fournisseur-exemple.fr"

# States after which the pipeline never touches a message again.
FINAL_STATES = {"done", "held", "rejected", "dropped", "quarantined"}
# `failed` is waiting for its retry: still work in hand.
PENDING_STATES = {"received", "processing", "failed"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Site:
    """A data folder and its database, seeded like a small company."""

    data_dir: Path
    config: Path
    database_url: str
    engine: Engine
    sessions: sessionmaker[Session]

    def env(self, **settings: str | int) -> dict[str, str]:
        """The environment of a `mailwall` process for this site.

        `settings` are configuration keys such as smtp_port=2600, turned into
        MAILWALL_SMTP_PORT (the documented override of every key).
        """
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAILWALL_")}
        env["MAILWALL_CONFIG"] = str(self.config)
        env["MAILWALL_DATABASE_URL"] = self.database_url
        env["PYTHONUNBUFFERED"] = "1"
        for key, value in settings.items():
            env[f"MAILWALL_{key.upper()}"] = str(value)
        return env

    def posts(self, slug: str) -> list[dict[str, Any]]:
        """Every post on a community's wall, with its thread's subject, oldest thread last."""
        with self.sessions() as session:
            view = wall_view(session, slug, limit=100_000)
        return [
            {**post, "subject": thread["subject"]}
            for thread in view["threads"]
            for post in thread["posts"]
        ]

    def raw_messages(self) -> list[RawMessage]:
        with self.sessions() as session:
            return list(session.scalars(select(RawMessage).order_by(RawMessage.id)))

    def wait_until_settled(self, timeout: float = 60.0) -> dict[str, int]:
        """Waits until no message is received, processing or waiting for a retry."""
        deadline = time.monotonic() + timeout
        while True:
            with self.sessions() as session:
                counts = queue.counts_by_status(session)
            if not PENDING_STATES & {s for s, n in counts.items() if n}:
                return counts
            if time.monotonic() > deadline:
                pytest.fail(f"the queue did not settle within {timeout:.0f} s: {counts}")
            time.sleep(0.1)

    def wait_for_raw_messages(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.raw_messages()) < count:
            if time.monotonic() > deadline:
                pytest.fail(f"expected {count} stored message(s), have {len(self.raw_messages())}")
            time.sleep(0.05)


def make_site(database_url: str, tmp_path: Path) -> Site:
    data_dir = tmp_path / "data"
    result = CliRunner().invoke(
        main, ["init", "--data-dir", str(data_dir)], env={"MAILWALL_DATABASE_URL": database_url}
    )
    assert result.exit_code == 0, result.output
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    with sessions() as session, session.begin():
        create_community(session, "projet-lumiere", name="Projet Lumière", kind="project",
                         policy="moderate")
        add_member(session, "projet-lumiere", ELODIE, name="Élodie Martin", role="manager")
        add_member(session, "projet-lumiere", THOMAS, name="Thomas Bernard")
        add_address(session, "projet-lumiere", LUMIERE)
        create_community(session, "entraide-it", name="Entraide informatique", kind="support",
                         policy="accept")
        add_member(session, "entraide-it", THOMAS, name="Thomas Bernard", role="manager")
        add_address(session, "entraide-it", ENTRAIDE)
    return Site(data_dir, data_dir / "mailwall.toml", database_url, engine, sessions)


@pytest.fixture
def site(database_url: str, tmp_path: Path) -> Iterator[Site]:
    made = make_site(database_url, tmp_path)
    yield made
    made.engine.dispose()


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Iterator[Site]:
    made = make_site(f"sqlite:///{tmp_path / 'mailwall.db'}", tmp_path)
    yield made
    made.engine.dispose()


@dataclass
class GatewayProcess:
    """`mailwall serve` in a subprocess, with its log kept for failure messages."""

    site: Site
    env: dict[str, str]
    log_path: Path
    port: int
    lmtp_port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self, timeout: float = 30.0) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                # The interpreter running the tests, so the checkout under test is what runs.
                [sys.executable, "-c", "from cli import main; main()", "serve"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[2],
            )
        for port in [self.port, *([self.lmtp_port] if self.lmtp_port else [])]:
            self._wait_for_port(port, timeout)

    def _wait_for_port(self, port: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                pytest.fail(f"mailwall serve exited with {self.process.returncode}:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"mailwall serve did not listen on {port}:\n{self.log()}")
                time.sleep(0.05)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything, as in a power cut of the process."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()


Serve = Callable[..., GatewayProcess]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    """Starts `mailwall serve` for a site; extra keywords are configuration keys.

    e.g. `serve(site, smtp_max_message_bytes=2000, pipeline_workers=1)`.
    """
    started: list[GatewayProcess] = []

    def start(site: Site, **settings: str | int) -> GatewayProcess:
        port = int(settings.pop("smtp_port", 0) or free_port())
        settings.setdefault("pipeline_retry_base_seconds", 0)
        # serve also runs the web wall: a port of its own keeps parallel runs and a
        # developer's own `mailwall serve` on 8025 out of each other's way.
        settings.setdefault("web_port", free_port())
        env = site.env(smtp_port=port, smtp_domain=DOMAIN, **settings)
        gateway = GatewayProcess(
            site, env, tmp_path / f"serve-{len(started)}.log", port,
            lmtp_port=int(settings.get("smtp_lmtp_port", 0)),
        )
        started.append(gateway)
        gateway.start()
        return gateway

    yield start
    for gateway in started:
        gateway.stop()


@pytest.fixture(scope="session")
def swaks() -> str:
    path = shutil.which("swaks")
    if path is None:
        service_missing("swaks not installed")
    return path


@pytest.fixture(scope="session")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throw-away certificate and key for STARTTLS, made by openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        service_missing("openssl not installed (needed to make a test certificate)")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={DOMAIN}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def statuses(site: Site) -> list[tuple[str, str | None]]:
    return [(row.status.value, row.reason) for row in site.raw_messages()]

