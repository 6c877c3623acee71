"""Delivery of queued digests to a real SMTP server (an aiosmtpd sink on loopback), including a
smarthost that refuses the first attempt and accepts the retry."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import Envelope, Session

from digests.notifications import send_notifications
from digests.run import run_digests
from gateway.outbox_sender import SendSettings, SmtpMailer, deliver_due
from tests.digests.conftest import DOMAIN, ELODIE, JEROME, NOW, SETTINGS, World
from tests.gateway.conftest import free_port
from wall_store import bounces
from wall_store.bounces import BounceRules
from wall_store.models import BounceKind, OutboxStatus
from wall_store.tokens import read_bounce_token

SEND = SendSettings(domain=DOMAIN, secret=SETTINGS.secret, retry_base=timedelta(0))


@dataclass
class Sink:
    """Accepts mail, after refusing the first `refuse` DATA commands with a 451."""

    refuse: int = 0
    received: list[Envelope] = field(default_factory=list)

    async def handle_DATA(self, server: SMTPServer, session: Session,
                          envelope: Envelope) -> str:
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        self.received.append(envelope)
        return "250 2.0.0 Queued"


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    handler = Sink()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def test_digests_reach_a_real_smtp_server_with_their_headers(
    world: World, sink: tuple[Sink, int]
) -> None:
    handler, port = sink
    run_digests(world.sessions, SETTINGS, now=NOW)
    mailer = SmtpMailer("127.0.0.1", port, starttls=False, username="", password="")
    assert deliver_due(world.sessions, mailer, SEND).sent == 3
    envelope = next(e for e in handler.received if e.rcpt_tos == [ELODIE])
    [row] = [r for r in world.outbox("digest") if r.recipient == ELODIE]
    # Its own return path (VERP), naming the outbox row, so a bounce names the address.
    local, _, host = envelope.mail_from.partition("@")
    assert host == DOMAIN and local.startswith("bounce+")
    assert read_bounce_token(SETTINGS.secret, local.removeprefix("bounce+")) == row.id
    assert isinstance(envelope.content, bytes)
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert all(r.status is OutboxStatus.SENT for r in world.outbox("digest"))


def test_a_refused_delivery_is_retried_and_then_sent(
    world: World, sink: tuple[Sink, int]
) -> None:
    handler, port = sink
    handler.refuse = 1
    run_digests(world.sessions, SETTINGS, now=NOW, person_ids=[world.ids["elodie"]])
    mailer = SmtpMailer("127.0.0.1", port, starttls=False, username="", password="")
    assert deliver_due(world.sessions, mailer, SEND).sent == 0
    [row] = world.outbox("digest")
    assert row.status is OutboxStatus.FAILED and row.attempts == 1
    assert "451" in (row.last_error or "")
    assert deliver_due(world.sessions, mailer, SEND).sent == 1
    [row] = world.outbox("digest")
    assert row.status is OutboxStatus.SENT and row.attempts == 2
    assert [e.rcpt_tos for e in handler.received] == [[ELODIE]]


def suppress(world: World, address: str) -> None:
    with world.sessions() as session, session.begin():
        bounces.record_bounce(session, address, BounceKind.HARD, rules=BounceRules(threshold=1),
                              status="5.1.1", diagnostic="550 5.1.1 user unknown")


def test_a_suppressed_address_gets_no_digest(world: World, sink: tuple[Sink, int]) -> None:
    handler, port = sink
    suppress(world, ELODIE)
    run_digests(world.sessions, SETTINGS, now=NOW)
    mailer = SmtpMailer("127.0.0.1", port, starttls=False, username="", password="")
    delivery = deliver_due(world.sessions, mailer, SEND)
    assert (delivery.sent, delivery.suppressed) == (2, 1)
    assert ELODIE not in [r for e in handler.received for r in e.rcpt_tos]
    [row] = [r for r in world.outbox("digest") if r.recipient == ELODIE]
    assert row.status is OutboxStatus.SUPPRESSED


def test_a_suppressed_address_gets_no_notification(
    world: World, sink: tuple[Sink, int]
) -> None:
    handler, port = sink
    suppress(world, JEROME)
    assert send_notifications(world.sessions, SETTINGS, now=NOW) == 2
    mailer = SmtpMailer("127.0.0.1", port, starttls=False, username="", password="")
    deliver_due(world.sessions, mailer, SEND)
    assert [e.rcpt_tos for e in handler.received] == [[ELODIE]]
    [row] = [r for r in world.outbox("notification") if r.recipient == JEROME]
    assert row.status is OutboxStatus.SUPPRESSED
