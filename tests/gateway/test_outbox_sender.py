"""The outbox as a queue, against a real aiosmtpd smarthost on loopback that refuses some
recipients for good (`550`) and others for now (`421`)."""

from __future__ import annotations

import email
import email.policy
import smtplib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import Envelope, Session
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from gateway.outbox_sender import Delivery, SendSettings, SmtpMailer, classify, deliver_due
from tests.gateway.conftest import DOMAIN, free_port
from wall_store import bounces, outbox
from wall_store.base import utcnow
from wall_store.bounces import BounceRules
from wall_store.models import BounceKind, OutboxMessage, OutboxStatus
from wall_store.tokens import bounce_address

SECRET = b"s" * 48
SETTINGS = SendSettings(domain=DOMAIN, secret=SECRET, retry_base=timedelta(minutes=1),
                        max_attempts=5)

GOOD = "claire.petit@lumiere-sa.fr"
DEAD = "ancien.stagiaire@lumiere-sa.fr"  # left the company: 550
BUSY = "marc.leroy@partenaire-btp.fr"  # greylisting or a full disk: 421


@dataclass
class Smarthost:
    """An aiosmtpd relay: refuses the recipients in `replies` at RCPT with their reply."""

    replies: dict[str, str] = field(default_factory=dict)
    received: list[Envelope] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: SMTPServer, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        reply = self.replies.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session,
                          envelope: Envelope) -> str:
        with self.lock:
            self.received.append(envelope)
        return "250 2.0.0 Queued"

    def subjects(self) -> list[str]:
        return [str(email.message_from_bytes(e.content, policy=email.policy.default)["Subject"])
                for e in self.received if isinstance(e.content, bytes)]


@pytest.fixture
def smarthost() -> Iterator[tuple[Smarthost, SmtpMailer]]:
    handler = Smarthost({DEAD: "550 5.1.1 <ancien.stagiaire@lumiere-sa.fr>: user unknown",
                         BUSY: "421 4.7.0 Greylisted, come back in 5 minutes"})
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, SmtpMailer("127.0.0.1", port, starttls=False, username="", password="")
    controller.stop()


def queue(sessions: sessionmaker, recipient: str, subject: str, *, kind: str = "notification",
          envelope_from: str = f"mailwall@{DOMAIN}") -> int:
    mail = EmailMessage()
    mail["From"] = f"Mailwall <mailwall@{DOMAIN}>"
    mail["To"] = recipient
    mail["Subject"] = subject
    mail["Message-ID"] = make_msgid(domain=DOMAIN)
    mail.set_content("Bonjour,\n\nÉlodie Martin vous a mentionné dans « Planning du lot 2 ».\n")
    with sessions() as session, session.begin():
        return outbox.queue_mail(session, kind=kind, envelope_from=envelope_from,
                                 recipient=recipient, subject=subject,
                                 message_id=str(mail["Message-ID"]).strip("<>"),
                                 raw=mail.as_bytes()).id


def row(sessions: sessionmaker, outbox_id: int) -> OutboxMessage:
    with sessions() as session:
        found = session.get(OutboxMessage, outbox_id)
        assert found is not None
        return found


def drain(sessions: sessionmaker, mailer: SmtpMailer, settings: SendSettings = SETTINGS,
          rounds: int = 50) -> list[Delivery]:
    """Calls the sender as the `outbox` loop does, until a call finds nothing to claim."""
    done = []
    for _ in range(rounds):
        delivery = deliver_due(sessions, mailer, settings)
        if not delivery.claimed:
            return done
        done.append(delivery)
    pytest.fail(f"the outbox never emptied in {rounds} rounds")


def test_a_good_mail_goes_out_behind_sixty_refused_ones(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    for n in range(60):
        queue(sessions, DEAD, f"Mention n° {n} dans Projet Atlas")
    good = queue(sessions, GOOD, "Réunion de lancement jeudi 10 h")
    drain(sessions, mailer)
    assert row(sessions, good).status is OutboxStatus.SENT
    assert handler.subjects() == ["Réunion de lancement jeudi 10 h"]


def test_a_550_ends_the_mail_undeliverable_at_once(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    _, mailer = smarthost
    dead = queue(sessions, DEAD, "Your weekly digest")
    deliver_due(sessions, mailer, SETTINGS)
    refused = row(sessions, dead)
    assert refused.status is OutboxStatus.UNDELIVERABLE
    assert refused.attempts == 1 and refused.last_code == 550
    assert "user unknown" in (refused.last_error or "")
    assert deliver_due(sessions, mailer, SETTINGS).claimed == 0


def test_a_421_is_retried_after_its_backoff(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    busy = queue(sessions, BUSY, "Badges d'accès au chantier")
    start = utcnow()
    deliver_due(sessions, mailer, SETTINGS, now=lambda: start)
    waiting = row(sessions, busy)
    assert waiting.status is OutboxStatus.FAILED and waiting.last_code == 421
    assert waiting.next_attempt_at == start + SETTINGS.retry_base
    # Not before its time...
    assert deliver_due(sessions, mailer, SETTINGS,
                       now=lambda: start + timedelta(seconds=59)).claimed == 0
    # ...and when it comes, the greylisting is over.
    del handler.replies[BUSY]
    later = deliver_due(sessions, mailer, SETTINGS, now=lambda: start + timedelta(minutes=1))
    assert later.sent == 1
    sent = row(sessions, busy)
    assert sent.status is OutboxStatus.SENT and sent.attempts == 2


def test_the_backoff_doubles_and_the_last_attempt_is_final(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    _, mailer = smarthost
    busy = queue(sessions, BUSY, "Badges d'accès au chantier")
    at = utcnow()
    waits = []
    for _ in range(SETTINGS.max_attempts):
        deliver_due(sessions, mailer, SETTINGS, now=lambda at=at: at)
        current = row(sessions, busy)
        if current.next_attempt_at is None:
            break
        waits.append(current.next_attempt_at - at)
        at = current.next_attempt_at
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    final = row(sessions, busy)
    assert final.status is OutboxStatus.UNDELIVERABLE and final.attempts == 5


def test_mail_whose_attempts_were_used_up_does_not_hold_up_the_queue(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    """What stalled the old outbox: rows past max_attempts filled every batch."""
    handler, mailer = smarthost
    stuck = [queue(sessions, BUSY, f"Relance n° {n}") for n in range(25)]
    with sessions() as session, session.begin():
        for outbox_id in stuck:
            found = session.get(OutboxMessage, outbox_id)
            assert found is not None
            found.status, found.attempts = OutboxStatus.FAILED, 10
            found.next_attempt_at = utcnow() - timedelta(hours=1)
    good = queue(sessions, GOOD, "Compte rendu du comité")
    assert deliver_due(sessions, mailer, SETTINGS).sent == 1
    assert row(sessions, good).status is OutboxStatus.SENT


def test_two_senders_at_once_never_send_one_mail_twice(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    ids = [queue(sessions, GOOD, f"Notification n° {n}") for n in range(40)]
    settings = SendSettings(domain=DOMAIN, secret=SECRET, batch=3)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def sender() -> None:
        try:
            start.wait(10)
            drain(sessions, mailer, settings, rounds=100)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    subjects = handler.subjects()
    assert sorted(subjects) == sorted(f"Notification n° {n}" for n in range(40))
    assert all(row(sessions, i).status is OutboxStatus.SENT for i in ids)


def test_a_claim_left_by_a_dead_sender_is_taken_over_after_the_lease(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    orphan = queue(sessions, GOOD, "Ordre du jour du comité")
    claimed_at = utcnow()
    with sessions() as session, session.begin():
        batch = outbox.claim_batch(session, lease=SETTINGS.lease, limit=10,
                                   max_attempts=5, now=claimed_at)
    assert [m.id for m in batch.to_send] == [orphan]
    # The sender died before sending: within the lease nobody else may touch it...
    assert deliver_due(sessions, mailer, SETTINGS,
                       now=lambda: claimed_at + SETTINGS.lease / 2).claimed == 0
    # ...after it, another sender sends it.
    assert deliver_due(sessions, mailer, SETTINGS,
                       now=lambda: claimed_at + SETTINGS.lease + timedelta(seconds=1)).sent == 1
    assert handler.subjects() == ["Ordre du jour du comité"]


def test_mail_to_a_suppressed_address_is_not_sent(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    with sessions() as session, session.begin():
        bounces.record_bounce(session, GOOD, BounceKind.HARD, rules=BounceRules(threshold=1),
                              status="5.2.1", diagnostic="mailbox disabled")
    digest = queue(sessions, GOOD, "Votre résumé de la semaine", kind="digest")
    delivery = deliver_due(sessions, mailer, SETTINGS)
    assert delivery.suppressed == 1 and delivery.sent == 0
    assert row(sessions, digest).status is OutboxStatus.SUPPRESSED
    assert handler.received == []


def test_a_sign_in_link_still_goes_to_a_suppressed_address(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    with sessions() as session, session.begin():
        bounces.record_bounce(session, GOOD, BounceKind.HARD, rules=BounceRules(threshold=1))
    link = queue(sessions, GOOD, "Votre lien de connexion", kind="sign-in", envelope_from="")
    assert deliver_due(sessions, mailer, SETTINGS).sent == 1
    assert row(sessions, link).status is OutboxStatus.SENT


def test_a_550_at_rcpt_counts_as_a_hard_bounce_of_the_address(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    _, mailer = smarthost
    queue(sessions, DEAD, "Mention dans Projet Atlas")
    deliver_due(sessions, mailer, SETTINGS)
    with sessions() as session:
        state = bounces.state_of(session, DEAD)
        assert state is not None and state.hard == 1 and state.last_status == "5.1.1"


def test_a_421_is_no_bounce(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    _, mailer = smarthost
    queue(sessions, BUSY, "Mention dans Projet Atlas")
    deliver_due(sessions, mailer, SETTINGS)
    with sessions() as session:
        assert bounces.state_of(session, BUSY) is None


def test_each_mail_has_its_own_return_path_and_notices_keep_the_null_sender(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    first = queue(sessions, GOOD, "Mention dans Projet Atlas")
    second = queue(sessions, GOOD, "Réponse à votre fil")
    queue(sessions, GOOD, "Votre message n'a pas été publié", kind="notice", envelope_from="")
    drain(sessions, mailer)
    senders = [e.mail_from for e in handler.received]
    assert senders == [bounce_address(SECRET, DOMAIN, first),
                       bounce_address(SECRET, DOMAIN, second), "<>"]


def test_an_operator_dropping_a_mail_in_flight_is_not_overwritten(
    sessions: sessionmaker
) -> None:
    """A sender records its result only on a row still `sending`."""
    mail = queue(sessions, GOOD, "Planning du lot 2")
    with sessions() as session, session.begin():
        outbox.claim_batch(session, lease=SETTINGS.lease, limit=1, max_attempts=5)
        found = session.get(OutboxMessage, mail)
        assert found is not None
        found.status = OutboxStatus.DROPPED
    with sessions() as session, session.begin():
        outbox.record_sent(session, mail)
    assert row(sessions, mail).status is OutboxStatus.DROPPED
    with sessions() as session:
        assert session.scalar(select(OutboxMessage.sent_at).where(OutboxMessage.id == mail)) \
            is None


def test_a_sender_past_half_its_lease_gives_the_rest_of_its_batch_back(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    """A slow smarthost must not let a claim expire on mail still to be sent: another
    sender would take it over and both would send it."""
    handler, mailer = smarthost
    ids = [queue(sessions, GOOD, f"Compte rendu n° {n}") for n in range(3)]
    start = utcnow()

    def clock() -> datetime:
        # The first mail took the smarthost most of the lease.
        return start + (SETTINGS.lease if handler.received else timedelta(0))

    delivery = deliver_due(sessions, mailer, SETTINGS, now=clock)
    assert delivery.sent == 1
    assert handler.subjects() == ["Compte rendu n° 0"]
    given_back = [row(sessions, i) for i in ids[1:]]
    assert [(r.status, r.attempts) for r in given_back] == [(OutboxStatus.QUEUED, 0)] * 2


@pytest.mark.parametrize("exc, permanent", [
    (smtplib.SMTPSenderRefused(553, b"5.7.1 Sender address rejected", "x@y"), True),
    (smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam"), True),
    (smtplib.SMTPDataError(451, b"4.3.0 Local error in processing"), False),
    # The smarthost's password is the operator's to mend: the mail waits (Postfix defers).
    (smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid"), False),
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
    (ConnectionRefusedError(111, "Connection refused"), False),
])
def test_what_is_permanent_and_what_is_retried(exc: Exception, permanent: bool) -> None:
    assert classify(exc).permanent is permanent


class _Killed(Exception):
    """The sending process dying (kill -9) at a chosen point of the SMTP dialogue."""


class _DiesBeforeTheDot(SmtpMailer):
    """Writes the whole message, then dies before DATA's final dot; `mark` says whether
    it had recorded the hand-over first."""

    def __init__(self, host: str, port: int, *, mark: bool) -> None:
        super().__init__(host, port, starttls=False)
        self.mark = mark

    def send(self, envelope_from: str, recipient: str, raw: bytes, *,
             handing: Callable[[], None] = lambda: None) -> None:
        def die() -> None:
            if self.mark:
                handing()
            raise _Killed

        super().send(envelope_from, recipient, raw, handing=die)


def test_a_sender_dying_before_the_hand_over_leaves_the_relay_nothing_and_it_goes_once(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    mail = queue(sessions, GOOD, "Compte-rendu du chantier")
    claimed_at = utcnow()
    dying = _DiesBeforeTheDot(mailer.host, mailer.port, mark=False)
    with pytest.raises(_Killed):
        deliver_due(sessions, dying, SETTINGS, now=lambda: claimed_at)
    assert handler.received == []  # an unfinished DATA is no mail
    later = claimed_at + SETTINGS.lease + timedelta(seconds=1)
    assert deliver_due(sessions, mailer, SETTINGS, now=lambda: later).sent == 1
    assert handler.subjects() == ["Compte-rendu du chantier"]
    assert row(sessions, mail).status is OutboxStatus.SENT


def test_a_mail_handed_over_before_its_sender_died_is_not_sent_again(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    mail = queue(sessions, GOOD, "Planning du lot 2")
    claimed_at = utcnow()
    dying = _DiesBeforeTheDot(mailer.host, mailer.port, mark=True)
    with pytest.raises(_Killed):
        deliver_due(sessions, dying, SETTINGS, now=lambda: claimed_at)
    later = claimed_at + SETTINGS.lease + timedelta(seconds=1)
    assert deliver_due(sessions, mailer, SETTINGS, now=lambda: later).claimed == 0
    settled = row(sessions, mail)
    assert settled.status is OutboxStatus.SENT
    assert settled.sent_at is not None


def test_a_refusal_at_the_final_dot_leaves_the_mail_to_retry(
    sessions: sessionmaker, smarthost: tuple[Smarthost, SmtpMailer]
) -> None:
    handler, mailer = smarthost
    mail = queue(sessions, GOOD, "Devis signé")

    async def refuse_data(server: object, session: object, envelope: object) -> str:
        return "451 4.3.0 Temporary storage failure"

    handler.handle_DATA = refuse_data  # type: ignore[method-assign]
    assert deliver_due(sessions, mailer, SETTINGS).failed == 1
    refused = row(sessions, mail)
    assert refused.status is OutboxStatus.FAILED
    assert refused.handed_at is None and refused.last_code == 451
