"""Bounces of our own mail, in-process: a report to a VERP return path is counted against the
mail's recipient, never posted, never answered; past the threshold the address is suppressed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gateway.pipeline import Pipeline
from tests.dsn_samples import postfix_dsn
from tests.pipeline.conftest import DOMAIN, SECRET, Gateway, mail, make_settings, populate
from wall_store import bounces, outbox
from wall_store.base import utcnow
from wall_store.bounces import BounceRules
from wall_store.models import BounceEvent, BounceKind, MessageStatus, Post
from wall_store.reasons import Reason
from wall_store.tokens import bounce_address, make_bounce_token

JEROME = "jerome.dubois@corp.example"


def sent_to(gateway: Gateway, recipient: str = JEROME) -> str:
    """Queues a notification as the digests do; its VERP return path."""
    with gateway.sessions() as session, session.begin():
        row = outbox.queue_mail(session, kind="notification", envelope_from=f"mailwall@{DOMAIN}",
                                recipient=recipient, subject="Élodie Martin vous a mentionné",
                                message_id=f"notif-{recipient}@{DOMAIN}",
                                raw=b"Subject: Elodie Martin vous a mentionne\r\n\r\nBonjour\r\n")
        return bounce_address(SECRET, DOMAIN, row.id)


def bounce(gateway: Gateway, return_path: str, **dsn: str) -> int:
    [raw_id] = gateway.deliver(postfix_dsn(return_path=return_path, recipient=JEROME, **dsn),
                               return_path, mail_from="")
    gateway.run()
    return raw_id


def test_a_hard_bounce_is_counted_against_the_mails_recipient(gateway: Gateway) -> None:
    raw_id = bounce(gateway, sent_to(gateway))
    row = gateway.raw(raw_id)
    assert (row.status, row.reason) == (MessageStatus.DONE, Reason.BOUNCE_RECORDED.code)
    assert row.community_id is None
    with gateway.sessions() as session:
        state = bounces.state_of(session, JEROME)
        assert state is not None
        assert (state.hard, state.soft, state.score, state.last_status) == (1, 0, 1.0, "5.1.1")


def test_a_bounce_is_never_posted_and_never_answered(gateway: Gateway) -> None:
    bounce(gateway, sent_to(gateway))
    with gateway.sessions() as session:
        assert session.scalars(select(Post)).all() == []
    assert [m.kind for m in gateway.outbox()] == ["notification"]


def test_a_soft_bounce_counts_half(gateway: Gateway) -> None:
    bounce(gateway, sent_to(gateway), status="4.2.2", diagnostic="smtp; 452 4.2.2 Mailbox full")
    with gateway.sessions() as session:
        state = bounces.state_of(session, JEROME)
        assert state is not None and (state.hard, state.soft, state.score) == (0, 1, 0.5)


def test_a_delayed_report_is_not_counted(gateway: Gateway) -> None:
    raw_id = bounce(gateway, sent_to(gateway), action="delayed", status="4.4.1",
                    diagnostic="X-Postfix; connect to mail.corp.example: timed out")
    assert gateway.raw(raw_id).reason == Reason.BOUNCE_NOT_COUNTED.code
    with gateway.sessions() as session:
        assert bounces.state_of(session, JEROME) is None


def test_an_out_of_office_sent_to_the_return_path_is_not_counted(gateway: Gateway) -> None:
    return_path = sent_to(gateway)
    vacation = mail(sender=f"Jérôme Dubois <{JEROME}>", to=return_path,
                    subject="Réponse automatique : Élodie Martin vous a mentionné",
                    body="Je suis en congés jusqu'au 7 décembre.",
                    headers=[("Auto-Submitted", "auto-replied")])
    [raw_id] = gateway.deliver(vacation, return_path, mail_from=JEROME)
    gateway.run()
    assert gateway.raw(raw_id).reason == Reason.BOUNCE_NOT_COUNTED.code
    assert [m.kind for m in gateway.outbox()] == ["notification"]


def test_a_non_standard_bounce_to_the_return_path_counts_hard(gateway: Gateway) -> None:
    return_path = sent_to(gateway)
    old_mta = mail(sender="MAILER-DAEMON@corp.example", to=return_path,
                   subject="failure notice",
                   body=f"Hi. This is the qmail-send program at corp.example.\n\n<{JEROME}>:\n"
                        "Sorry, no mailbox here by that name. (#5.1.1)\n")
    [raw_id] = gateway.deliver(old_mta, return_path, mail_from="")
    gateway.run()
    assert gateway.raw(raw_id).reason == Reason.BOUNCE_RECORDED.code
    with gateway.sessions() as session:
        state = bounces.state_of(session, JEROME)
        assert state is not None and state.hard == 1


def test_at_most_one_bounce_a_day_moves_the_score(gateway: Gateway) -> None:
    bounce(gateway, sent_to(gateway))
    bounce(gateway, sent_to(gateway), message_id="second@mx1.partenaire-btp.fr")
    with gateway.sessions() as session:
        state = bounces.state_of(session, JEROME)
        assert state is not None and (state.hard, state.score) == (2, 1.0)
        assert [e.counted for e in session.scalars(select(BounceEvent).order_by(BounceEvent.id))
                ] == [True, False]


def test_a_score_left_quiet_starts_again_from_zero(sessions: sessionmaker[Session]) -> None:
    rules = BounceRules(threshold=3, stale_after=timedelta(days=30))
    start = utcnow()
    with sessions() as session, session.begin():
        for day in (0, 1):
            bounces.record_bounce(session, JEROME, BounceKind.HARD, rules=rules,
                                  now=start + timedelta(days=day))
        state = bounces.record_bounce(session, JEROME, BounceKind.HARD, rules=rules,
                                      now=start + timedelta(days=40))
        assert state.score == 1.0 and state.suppressed_at is None


def test_past_the_threshold_the_address_is_suppressed(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        populate(session)
    gateway = Gateway(sessions, Pipeline(sessions, make_settings(
        bounces=BounceRules(threshold=1.0))))
    bounce(gateway, sent_to(gateway))
    with sessions() as session:
        assert bounces.suppressed_among(session, [JEROME])
        assert not bounces.suppressed_among(session, ["elodie.martin@corp.example"])


@pytest.mark.parametrize("token", [
    "zz-0123456789abcdef01234567",  # malformed
    "1-0123456789abcdef01234567",  # a MAC we did not make
])
def test_a_forged_return_path_is_refused(gateway: Gateway, token: str) -> None:
    address = f"bounce+{token}@{DOMAIN}"
    assert gateway.refusals(address)[address].reason is Reason.INVALID_RETURN_PATH


def test_a_return_path_naming_no_mail_we_sent_is_refused(gateway: Gateway) -> None:
    address = f"bounce+{make_bounce_token(SECRET, 4242)}@{DOMAIN}"
    assert gateway.refusals(address)[address].reason is Reason.INVALID_RETURN_PATH
