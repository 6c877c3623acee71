"""The smarthost connection against real TLS sinks on loopback: aiosmtpd servers with
STARTTLS (certificates made by openssl in the test) that record every AUTH they are
sent, so a test can say that a password never left Mailwall."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, LoginPassword, Session
from sqlalchemy.orm import sessionmaker

from gateway.outbox_sender import SmtpMailer, deliver_due, mailer_from_config
from tests.gateway.conftest import free_port
from tests.gateway.test_outbox_sender import GOOD, SETTINGS, Smarthost, queue, row
from tests.services import service_missing
from wall_store.config import ConfigError, build
from wall_store.models import OutboxStatus

PASSWORD = "Relais-Sortant-2026!"
PASSWORD_ENV = "MAILWALL_TEST_SMARTHOST_PASSWORD"


@dataclass(frozen=True)
class Certificates:
    ca: Path  # a test CA, as an internal company CA would be
    signed: tuple[Path, Path]  # by that CA, for localhost and 127.0.0.1
    evil: tuple[Path, Path]  # self-signed, CN=evil.example


def _openssl(*args: str) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        service_missing("openssl not installed (needed to make test certificates)")
    subprocess.run([openssl, *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    folder = tmp_path_factory.mktemp("smarthost-tls")
    ca, ca_key = folder / "ca.pem", folder / "ca.key"
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/O=Lumière SA/CN=Lumière SA Internal CA", "-utf8",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-keyout", str(ca_key), "-out", str(ca))
    cert, key, request = folder / "relay.pem", folder / "relay.key", folder / "relay.csr"
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
             "-keyout", str(key), "-out", str(request))
    extensions = folder / "relay.ext"
    extensions.write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
        "subjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid\n")
    _openssl("x509", "-req", "-in", str(request), "-CA", str(ca), "-CAkey", str(ca_key),
             "-CAcreateserial", "-days", "2", "-extfile", str(extensions), "-out", str(cert))
    evil, evil_key = folder / "evil.pem", folder / "evil.key"
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=evil.example", "-addext", "subjectAltName=DNS:evil.example",
             "-keyout", str(evil_key), "-out", str(evil))
    return Certificates(ca, (cert, key), (evil, evil_key))


@dataclass
class Logins:
    """What the sink's authenticator was sent: (mechanism, login, password)."""

    seen: list[tuple[str, str, str]] = field(default_factory=list)

    def __call__(self, server: SMTPServer, session: Session, envelope: object,
                 mechanism: str, auth_data: object) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            self.seen.append((mechanism, auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)


@dataclass
class Sink:
    handler: Smarthost
    logins: Logins
    port: int


StartSink = Callable[..., Sink]


@pytest.fixture
def sink() -> Iterator[StartSink]:
    """Starts an authenticating aiosmtpd relay: with STARTTLS when given a certificate."""
    controllers: list[Controller] = []

    def start(certificate: tuple[Path, Path] | None = None, *, implicit: bool = False) -> Sink:
        handler, logins, port = Smarthost(), Logins(), free_port()
        tls: dict[str, object] = {}
        if certificate is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*map(str, certificate))
            tls = {"ssl_context" if implicit else "tls_context": context}
        controller = Controller(handler, hostname="127.0.0.1", port=port,
                                authenticator=logins,
                                # aiosmtpd counts only STARTTLS as TLS for this check.
                                auth_require_tls=certificate is not None and not implicit,
                                **tls)
        controller.start()
        controllers.append(controller)
        return Sink(handler, logins, port)

    yield start
    for controller in controllers:
        controller.stop()


def mailer(port: int, **options: object) -> SmtpMailer:
    return SmtpMailer("127.0.0.1", port, starttls=True, username="mailwall",
                      password=PASSWORD, **options)  # type: ignore[arg-type]


def test_a_self_signed_smarthost_certificate_is_refused_before_the_password(
    sessions: sessionmaker, sink: StartSink, certificates: Certificates
) -> None:
    evil = sink(certificates.evil)
    mail = queue(sessions, GOOD, "Planning du lot 2")
    delivery = deliver_due(sessions, mailer(evil.port), SETTINGS)
    assert delivery.failed == 1 and delivery.undeliverable == 0
    waiting = row(sessions, mail)
    assert waiting.status is OutboxStatus.FAILED and waiting.next_attempt_at is not None
    assert "certificate that could not be verified" in (waiting.last_error or "")
    assert "outbound.ca_file" in (waiting.last_error or "")
    assert evil.logins.seen == [] and evil.handler.received == []


def test_a_smarthost_certificate_signed_by_the_configured_ca_is_accepted(
    sessions: sessionmaker, sink: StartSink, certificates: Certificates,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    relay = sink(certificates.signed)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    config = build({"database": {"url": "sqlite://"}, "outbound": {
        "smarthost": "localhost", "port": relay.port, "username": "mailwall",
        "password_env": PASSWORD_ENV, "ca_file": str(certificates.ca)}}, {},
        tmp_path / "mailwall.toml")
    mail = queue(sessions, GOOD, "Compte rendu du comité de pilotage")
    assert deliver_due(sessions, mailer_from_config(config), SETTINGS).sent == 1
    assert row(sessions, mail).status is OutboxStatus.SENT
    assert relay.handler.subjects() == ["Compte rendu du comité de pilotage"]
    assert [login for _, login, _ in relay.logins.seen] == ["mailwall"]


def test_implicit_tls_verifies_the_certificate_too(
    sessions: sessionmaker, sink: StartSink, certificates: Certificates
) -> None:
    """`outbound.tls = "implicit"` (port 465): TLS from the first byte, same checks."""
    relay = sink(certificates.signed, implicit=True)
    evil = sink(certificates.evil, implicit=True)
    good = queue(sessions, GOOD, "Ordre du jour du comité")
    assert deliver_due(sessions, mailer(relay.port, implicit_tls=True,
                                        ca_file=str(certificates.ca)), SETTINGS).sent == 1
    assert row(sessions, good).status is OutboxStatus.SENT
    refused = queue(sessions, GOOD, "Ordre du jour du comité (bis)")
    assert deliver_due(sessions, mailer(evil.port, implicit_tls=True,
                                        ca_file=str(certificates.ca)), SETTINGS).failed == 1
    assert row(sessions, refused).status is OutboxStatus.FAILED
    assert evil.logins.seen == [] and evil.handler.received == []


def test_without_the_ca_file_the_internal_ca_is_not_trusted(
    sessions: sessionmaker, sink: StartSink, certificates: Certificates
) -> None:
    relay = sink(certificates.signed)
    mail = queue(sessions, GOOD, "Compte rendu du comité de pilotage")
    assert deliver_due(sessions, mailer(relay.port), SETTINGS).failed == 1
    assert row(sessions, mail).status is OutboxStatus.FAILED
    assert relay.logins.seen == [] and relay.handler.received == []


def test_a_smarthost_without_starttls_never_gets_the_password(
    sessions: sessionmaker, sink: StartSink
) -> None:
    plain = sink()
    mail = queue(sessions, GOOD, "Badges d'accès au chantier")
    delivery = deliver_due(sessions, mailer(plain.port), SETTINGS)
    assert delivery.failed == 1 and delivery.undeliverable == 0
    waiting = row(sessions, mail)
    assert waiting.status is OutboxStatus.FAILED
    assert "password was not sent in clear" in (waiting.last_error or "")
    assert "outbound.allow_plain_auth" in (waiting.last_error or "")
    assert plain.logins.seen == [] and plain.handler.received == []


def test_allow_plain_auth_sends_the_password_without_tls(
    sessions: sessionmaker, sink: StartSink
) -> None:
    plain = sink()
    mail = queue(sessions, GOOD, "Badges d'accès au chantier")
    sent = deliver_due(sessions, mailer(plain.port, allow_plain_auth=True), SETTINGS)
    assert sent.sent == 1 and row(sessions, mail).status is OutboxStatus.SENT
    assert [(login, password) for _, login, password in plain.logins.seen] == \
        [("mailwall", PASSWORD)]


def test_an_unknown_tls_mode_is_a_configuration_error(tmp_path: Path) -> None:
    config = build({"database": {"url": "sqlite://"},
                    "outbound": {"smarthost": "relay.lumiere-sa.fr", "tls": "ssl"}}, {},
                   tmp_path / "mailwall.toml")
    with pytest.raises(ConfigError, match="tls must be one of starttls, implicit, none"):
        mailer_from_config(config)


def test_a_ca_file_that_cannot_be_read_is_a_configuration_error(tmp_path: Path) -> None:
    config = build({"database": {"url": "sqlite://"},
                    "outbound": {"smarthost": "relay.lumiere-sa.fr", "ca_file": "ca-interne.pem"}},
                   {}, tmp_path / "mailwall.toml")
    with pytest.raises(ConfigError, match=r"ca_file .*ca-interne\.pem cannot be read"):
        mailer_from_config(config)
