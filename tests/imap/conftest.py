"""A real Dovecot on loopback, and a Mailwall site whose communities are fed by its mailboxes.

`dovecot` is one server per test module (started with `dovecot -F` on free
ports: 143-style with STARTTLS, and 993-style TLS, both with a throw-away
certificate); each test takes a user of its own with `dovecot.add_user()`, so
tests never see each other's mail. `private_dovecot()` starts a server of the
test's own, for the tests that stop and restart it. Mail is put in mailboxes
with IMAP APPEND, as another mail client would.

Dovecot refuses to run its login processes as root and to give mail to uid 0;
as root the fixture runs them as Dovecot's own system users and the mail as
`nobody`, otherwise everything runs as the current user.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from imapclient import IMAPClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gateway.pipeline import Pipeline, Settings
from tests.gateway.conftest import (  # noqa: F401 - fixtures shared with the SMTP tests
    DOMAIN,
    ELODIE,
    THOMAS,
    Site,
    free_port,
    serve,
    site,
    sqlite_site,
)
from tests.services import service_missing
from wall_store.communities import create_community
from wall_store.mappings import add_imap
from wall_store.models import Mapping, RawMessage
from wall_store.people import add_member
from wall_store.wall import wall_view

PARIS = ZoneInfo("Europe/Paris")
USERS_PER_SERVER = 200

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = mailwall-test-{instance}
log_path = {root}/dovecot.log
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = 1
first_valid_gid = 1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused login answers at once: tests refuse logins on purpose.
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
  default_fields = uid={mail_uid} gid={mail_gid} home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # No growing delay after refused logins: tests refuse some on purpose.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{extra}
"""


@dataclass(frozen=True)
class MailUser:
    name: str
    password: str


@dataclass
class Dovecot:
    """One Dovecot instance in a folder of its own; stop() and start() keep its ports and mail."""

    root: Path
    port: int
    tls_port: int
    pool: list[MailUser] = field(default_factory=list)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def ca_file(self) -> Path:
        return self.root / "cert.pem"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's certificate (and nothing else)."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def add_user(self) -> MailUser:
        """A mail account nobody else uses (from the pool written before the server started:
        Dovecot rereads its passwd-file only seconds after a change)."""
        if not self.pool:
            pytest.fail("the Dovecot fixture ran out of users: raise USERS_PER_SERVER")
        return self.pool.pop(0)

    def url(self, user: MailUser, folder: str = "INBOX", *, tls: bool = False) -> str:
        if tls:
            return f"imaps://{user.name}@127.0.0.1:{self.tls_port}/{folder}"
        return f"imap://{user.name}@127.0.0.1:{self.port}/{folder}"

    def client(self, user: MailUser) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.tls_port, ssl=True,
                            ssl_context=self.ssl_context(), timeout=30)
        client.login(user.name, user.password)
        return client

    def append(self, user: MailUser, mail: EmailMessage | bytes, folder: str = "INBOX") -> None:
        raw = mail if isinstance(mail, bytes) else mail.as_bytes()
        with self.client(user) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.append(folder, raw)

    def folder(self, user: MailUser, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """UID -> flags of every message in a folder."""
        with self.client(user) as client:
            if not client.folder_exists(folder):
                return {}
            client.select_folder(folder, readonly=True)
            return {uid: data[b"FLAGS"]
                    for uid, data in client.fetch(client.search(["ALL"]), ["FLAGS"]).items()}

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def start(self, timeout: float = 30.0) -> None:
        self.process = subprocess.Popen(
            ["dovecot", "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL, stderr=(self.root / "stderr.log").open("ab"),
            # A group of its own, so that stop() can end the children the master leaves behind.
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"dovecot exited with {self.process.returncode}:\n"
                            f"{(self.root / 'stderr.log').read_text()}\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"dovecot did not listen on {self.port}:\n{self.log()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """The server goes away entirely: master, login and mail processes, their connections."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        # The master's exit leaves the imap processes serving their clients for a while.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None


def _accounts() -> dict[str, str | int]:
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid()).pw_name
        group = grp.getgrgid(os.getegid()).gr_name
        return {"internal_user": me, "internal_group": group, "login_user": me,
                "mail_uid": os.geteuid(), "mail_gid": os.getegid()}
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
        nobody = pwd.getpwnam("nobody")
    except KeyError as exc:
        service_missing(f"dovecot's system users are missing ({exc}); reinstall dovecot-core")
    return {"internal_user": "dovecot", "internal_group": "dovecot", "login_user": "dovenull",
            "mail_uid": nobody.pw_uid, "mail_gid": nobody.pw_gid}


def make_dovecot(root: Path, extra: str = "") -> Dovecot:
    if shutil.which("dovecot") is None:
        service_missing("dovecot not installed (apt-get install dovecot-imapd)")
    openssl = shutil.which("openssl")
    if openssl is None:
        service_missing("openssl not installed (needed to make a test certificate)")
    accounts = _accounts()
    # Dovecot's unprivileged processes must reach the folder: pytest's tmp_path is 0700.
    root.chmod(0o755)
    (root / "mail").mkdir()
    if os.geteuid() == 0:
        os.chown(root / "mail", int(accounts["mail_uid"]), int(accounts["mail_gid"]))
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
        check=True, capture_output=True,
    )
    pool = [MailUser(f"equipe-{n:03}-{uuid.uuid4().hex[:6]}", f"mdp-{uuid.uuid4().hex}")
            for n in range(USERS_PER_SERVER)]
    (root / "passwd").write_text(
        "".join(f"{user.name}:{{PLAIN}}{user.password}::::::\n" for user in pool))
    server = Dovecot(root, free_port(), free_port(), pool)
    (root / "dovecot.conf").write_text(CONFIG.format(
        root=root, instance=uuid.uuid4().hex[:8], port=server.port, tls_port=server.tls_port,
        extra=extra, **accounts,
    ))
    server.start()
    return server


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    root = Path(tempfile.mkdtemp(prefix="mailwall-dovecot-"))
    server = make_dovecot(root)
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def private_dovecot() -> Iterator[Callable[..., Dovecot]]:
    """A Dovecot of the test's own, for tests that stop and restart it or configure it.

    `private_dovecot(extra="...")` appends settings to its dovecot.conf.
    """
    made: list[tuple[Path, Dovecot]] = []

    def start(extra: str = "") -> Dovecot:
        root = Path(tempfile.mkdtemp(prefix="mailwall-dovecot-"))
        server = make_dovecot(root, extra)
        made.append((root, server))
        return server

    yield start
    for root, server in made:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def mail(
    *, sender: str, to: str, subject: str, body: str, message_id: str | None = None,
    day: int = 12,
) -> EmailMessage:
    message = EmailMessage()
    message["Return-Path"] = f"<{sender.split('<')[-1].strip('>')}>"
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2025, 3, day, 9, 30, tzinfo=PARIS))
    message["Message-ID"] = f"<{message_id or uuid.uuid4().hex + '@lumiere-sa.fr'}>"
    message.set_content(body)
    return message


def wait_for(what: str, check: Callable[[], object], timeout: float = 60.0,
              details: Callable[[], str] = lambda: "") -> None:
    """Waits until `check()` is true; fails naming `what` after a generous timeout."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not seen within {timeout:.0f} s\n{details()}")
        time.sleep(0.1)


__all__ = ["DOMAIN", "ELODIE", "THOMAS", "Site", "serve", "site", "sqlite_site"]


@dataclass
class Wall:
    """A store with the Projet Lumière community, read back through the real pipeline."""

    sessions: sessionmaker[Session]

    def add_mailbox(self, url: str, *, password_env: str | None = None,
                    password_file: str | None = None, move_to: str | None = None) -> int:
        with self.sessions() as session, session.begin():
            mapping = add_imap(session, "projet-lumiere", url, password_env=password_env,
                               password_file=password_file)
            # No CLI option sets it yet; the column is the configuration.
            mapping.imap_move_to = move_to
            return mapping.id

    def process(self) -> None:
        Pipeline(self.sessions, Settings(domain=DOMAIN, secret=b"s" * 32)).drain()

    def posts(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            view = wall_view(session, "projet-lumiere", limit=100_000)
        return [{**post, "subject": thread["subject"]}
                for thread in view["threads"] for post in thread["posts"]]

    def raw_messages(self) -> list[RawMessage]:
        with self.sessions() as session:
            return list(session.scalars(select(RawMessage).order_by(RawMessage.id)))

    def mapping(self, mapping_id: int) -> Mapping:
        with self.sessions() as session:
            return session.get_one(Mapping, mapping_id)


@pytest.fixture
def wall(sessions: sessionmaker[Session]) -> Wall:
    with sessions() as session, session.begin():
        create_community(session, "projet-lumiere", name="Projet Lumière", kind="project",
                         policy="moderate")
        add_member(session, "projet-lumiere", ELODIE, name="Élodie Martin", role="manager")
        add_member(session, "projet-lumiere", THOMAS, name="Thomas Bernard")
    return Wall(sessions)
