"""`mailwall outbox list --state | retry | drop` and `mailwall user show | unsuppress`: what
ops see of outgoing mail and of addresses whose bounces stopped it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from click.testing import Result
from sqlalchemy.orm import Session, sessionmaker

from tests.cli.conftest import Mailwall
from wall_store import bounces, outbox
from wall_store.bounces import BounceRules
from wall_store.db import make_engine, session_factory
from wall_store.models import BounceKind, OutboxMessage, OutboxStatus

Refused = Callable[..., Result]
CLAIRE = "claire.petit@lumiere-sa.fr"
ANCIEN = "ancien.stagiaire@lumiere-sa.fr"


@pytest.fixture
def store(mailwall: Mailwall) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(mailwall.database_url)
    yield session_factory(engine)
    engine.dispose()


def queued(store: sessionmaker[Session], recipient: str, subject: str,
           status: OutboxStatus = OutboxStatus.QUEUED) -> int:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "mailwall@mailwall.localhost", recipient, subject
    mail["Message-ID"] = make_msgid(domain="mailwall.localhost")
    mail.set_content("Bonjour,\n\nVoici ce qui s'est passé cette semaine dans Projet Atlas.\n")
    with store() as session, session.begin():
        row = outbox.queue_mail(session, kind="digest", envelope_from="mailwall@mailwall.localhost",
                                recipient=recipient, subject=subject,
                                message_id=str(mail["Message-ID"]).strip("<>"),
                                raw=mail.as_bytes())
        row.status = status
        if status is OutboxStatus.UNDELIVERABLE:
            row.attempts, row.last_code = 1, 550
            row.last_error = "550 5.1.1 <ancien.stagiaire@lumiere-sa.fr>: user unknown"
        return row.id


def status(store: sessionmaker[Session], outbox_id: int) -> OutboxStatus:
    with store() as session:
        row = session.get(OutboxMessage, outbox_id)
        assert row is not None
        return row.status


def test_outbox_list_filters_by_state(mailwall: Mailwall, store: sessionmaker[Session]) -> None:
    queued(store, CLAIRE, "Votre résumé de la semaine")
    refused_id = queued(store, ANCIEN, "Your weekly digest", OutboxStatus.UNDELIVERABLE)
    listed = mailwall.json("outbox", "list", "--state", "undeliverable")
    assert [(m["id"], m["to"], m["code"]) for m in listed] == [(refused_id, ANCIEN, 550)]


def test_outbox_list_refuses_an_unknown_state(mailwall: Mailwall, refused: Refused) -> None:
    assert "undeliverable" in refused("outbox", "list", "--state", "bounced").stderr


def test_outbox_retry_puts_one_mail_back_in_line(
    mailwall: Mailwall, store: sessionmaker[Session]
) -> None:
    refused_id = queued(store, ANCIEN, "Your weekly digest", OutboxStatus.UNDELIVERABLE)
    assert mailwall.json("outbox", "retry", str(refused_id)) == {"requeued": 1}
    with store() as session:
        row = session.get(OutboxMessage, refused_id)
        assert row is not None and (row.status, row.attempts) == (OutboxStatus.QUEUED, 0)


def test_outbox_retry_failed_takes_every_failed_and_undeliverable_mail(
    mailwall: Mailwall, store: sessionmaker[Session]
) -> None:
    ids = [queued(store, ANCIEN, "Your weekly digest", OutboxStatus.UNDELIVERABLE),
           queued(store, CLAIRE, "Mention dans Projet Atlas", OutboxStatus.FAILED)]
    sent = queued(store, CLAIRE, "Votre résumé de la semaine", OutboxStatus.SENT)
    assert mailwall.json("outbox", "retry", "--failed") == {"requeued": 2}
    assert [status(store, i) for i in ids] == [OutboxStatus.QUEUED] * 2
    assert status(store, sent) is OutboxStatus.SENT


def test_retrying_a_sent_mail_is_refused(
    mailwall: Mailwall, store: sessionmaker[Session], refused: Refused
) -> None:
    sent = queued(store, CLAIRE, "Votre résumé de la semaine", OutboxStatus.SENT)
    assert "only mail that was not sent" in refused("outbox", "retry", str(sent)).stderr


def test_outbox_drop_takes_a_mail_out_of_line_and_keeps_it_listed(
    mailwall: Mailwall, store: sessionmaker[Session]
) -> None:
    mail = queued(store, ANCIEN, "Your weekly digest")
    assert mailwall.json("outbox", "drop", str(mail))["status"] == "dropped"
    assert [m["id"] for m in mailwall.json("outbox", "list", "--state", "dropped")] == [mail]


def test_dropping_a_sent_mail_is_refused(
    mailwall: Mailwall, store: sessionmaker[Session], refused: Refused
) -> None:
    sent = queued(store, CLAIRE, "Votre résumé de la semaine", OutboxStatus.SENT)
    assert "can be dropped" in refused("outbox", "drop", str(sent)).stderr


def test_dropping_an_unknown_mail_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    assert "no outgoing mail 999" in refused("outbox", "drop", "999").stderr


def suppress(store: sessionmaker[Session], address: str) -> None:
    with store() as session, session.begin():
        bounces.record_bounce(session, address, BounceKind.HARD, rules=BounceRules(threshold=1),
                              status="5.1.1", diagnostic="550 5.1.1 user unknown")


def member(mailwall: Mailwall, address: str, name: str) -> None:
    for args in (("community", "create", "atlas", "--name", "Projet Atlas", "--kind", "project"),
                 ("member", "add", "atlas", address, "--name", name)):
        assert mailwall(*args).exit_code == 0


def test_user_show_says_an_address_is_suppressed(
    mailwall: Mailwall, store: sessionmaker[Session]
) -> None:
    member(mailwall, CLAIRE, "Claire Petit")
    suppress(store, CLAIRE)
    shown = mailwall.json("user", "show", CLAIRE)
    assert shown["suppressed"] is True
    assert shown["bounces"] == "1 hard, 0 soft (score 1)"
    assert "5.1.1" in shown["last_bounce"]


def test_user_unsuppress_lets_mail_go_to_the_address_again(
    mailwall: Mailwall, store: sessionmaker[Session]
) -> None:
    member(mailwall, CLAIRE, "Claire Petit")
    suppress(store, CLAIRE)
    assert mailwall.json("user", "unsuppress", CLAIRE)["suppressed"] is False
    with store() as session:
        assert not bounces.suppressed_among(session, [CLAIRE])
    assert mailwall.json("user", "show", CLAIRE)["suppressed"] is False


def test_unsuppressing_an_address_that_is_not_suppressed_is_refused(
    mailwall: Mailwall, refused: Refused
) -> None:
    member(mailwall, CLAIRE, "Claire Petit")
    assert "not suppressed" in refused("user", "unsuppress", CLAIRE).stderr
