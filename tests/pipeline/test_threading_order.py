"""Threads whatever the order: a reply ends in its parent's thread however the two are
processed, and only mail that looks like a reply joins a thread by its subject."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

from sqlalchemy import select, update

from gateway.pipeline import Pipeline, take_decision
from tests.pipeline.conftest import Gateway, mail, make_settings
from wall_store import queue
from wall_store.base import utcnow
from wall_store.models import (
    Decision,
    DecisionChannel,
    Like,
    MessageSource,
    MessageStatus,
    Post,
    RawMessage,
    Thread,
)
from wall_store.reasons import Reason

ELODIE = "Élodie Martin <elodie.martin@corp.example>"
JEROME = "Jérôme Dubois <jerome.dubois@corp.example>"
SARAH = "Sarah Miller <sarah.miller@partner.example>"


def ago(hours: float) -> str:
    return format_datetime(utcnow() - timedelta(hours=hours))


def point(n: int, *, hours: float, sender: str = ELODIE) -> bytes:
    """The weekly "Point hebdo" of week n: a new mail, no reply headers."""
    return mail(sender=sender, subject="Point hebdo", message_id=f"hebdo-{n}@corp.example",
                date=ago(hours), body=f"Bonjour à tous,\n\nOrdre du jour de la semaine {n}.")


def answer(n: int, k: int, *, hours: float, sender: str = JEROME,
           subject: str = "Re: Point hebdo") -> bytes:
    """Reply k to week n, naming its parent as mail clients do (root, then parent)."""
    root = f"hebdo-{n}@corp.example"
    parent = root if k == 1 else f"hebdo-{n}-r{k - 1}@corp.example"
    references = f"<{root}>" if k == 1 else f"<{root}> <{parent}>"
    return mail(sender=sender, subject=subject, message_id=f"hebdo-{n}-r{k}@corp.example",
                date=ago(hours), body=f"Réponse {k} pour la semaine {n} : d'accord.",
                headers=[("In-Reply-To", f"<{parent}>"), ("References", references)])


def threads_by_message_id(gateway: Gateway) -> dict[str, int]:
    return {post.message_id: post.thread_id for post in gateway.posts()}


def thread_count(gateway: Gateway) -> int:
    with gateway.sessions() as session:
        return len(session.scalars(select(Thread.id)).all())


def claim(gateway: Gateway, raw_id: int) -> None:
    """What a worker does before processing: the row is `processing`, one attempt spent."""
    with gateway.sessions() as session, session.begin():
        session.execute(update(RawMessage).where(RawMessage.id == raw_id).values(
            status=MessageStatus.PROCESSING, claimed_at=utcnow(),
            attempts=RawMessage.attempts + 1))


# --- the order of processing -----------------------------------------------------------

def test_a_reply_applied_before_its_parent_arrives_moves_into_the_parent_thread(
    gateway: Gateway,
) -> None:
    gateway.deliver(answer(1, 1, hours=1))
    assert [r.reason for r in gateway.run()] == [Reason.POSTED]
    gateway.deliver(point(1, hours=2))
    gateway.run()
    found = threads_by_message_id(gateway)
    assert found["hebdo-1-r1@corp.example"] == found["hebdo-1@corp.example"]
    assert thread_count(gateway) == 1
    root, reply = sorted(gateway.posts(), key=lambda p: p.created_at)
    assert reply.parent_id == root.id


def test_a_plus_one_applied_before_the_post_it_likes_becomes_a_like_when_it_lands(
    gateway: Gateway,
) -> None:
    gateway.deliver(mail(sender=SARAH, subject="RE: Point hebdo",
                         message_id="plus-un@partner.example", date=ago(1), body="+1",
                         headers=[("In-Reply-To", "<hebdo-3@corp.example>"),
                                  ("References", "<hebdo-3@corp.example>")]))
    assert [r.reason for r in gateway.run()] == [Reason.POSTED]
    gateway.deliver(point(3, hours=2))
    gateway.run()
    [root] = gateway.posts()
    assert root.message_id == "hebdo-3@corp.example"
    assert thread_count(gateway) == 1
    with gateway.sessions() as session:
        likers = session.scalars(select(Like.person_id).where(Like.post_id == root.id)).all()
        assert len(likers) == 1


def test_early_likes_of_two_posts_of_one_subject_each_land_on_their_own_post(
    gateway: Gateway,
) -> None:
    # The first "+1" opens a thread, the second joins it by subject; once the first
    # post lands and its "+1" becomes a like, the second must still leave alone.
    for n, sender in ((1, SARAH), (2, JEROME)):
        gateway.deliver(mail(sender=sender, subject="RE: Point hebdo",
                             message_id=f"plus-un-{n}@partner.example", date=ago(1), body="+1",
                             headers=[("In-Reply-To", f"<hebdo-{n}@corp.example>")]))
        gateway.run()
    for n in (1, 2):
        gateway.deliver(point(n, hours=2 + n))
        gateway.run()
    assert sorted(p.message_id for p in gateway.posts()) == [
        "hebdo-1@corp.example", "hebdo-2@corp.example"]
    assert thread_count(gateway) == 2
    with gateway.sessions() as session:
        liked = session.scalars(select(Post.message_id).join(Like, Like.post_id == Post.id))
        assert sorted(liked) == ["hebdo-1@corp.example", "hebdo-2@corp.example"]


def test_a_chain_processed_newest_first_ends_as_one_thread_with_each_parent(
    gateway: Gateway,
) -> None:
    for k in (3, 2, 1):
        gateway.deliver(answer(7, k, hours=3 - k))
        gateway.run()
    gateway.deliver(point(7, hours=4))
    gateway.run()
    assert thread_count(gateway) == 1
    by_id = {p.message_id: p for p in gateway.posts()}
    for k, parent in ((1, "hebdo-7"), (2, "hebdo-7-r1"), (3, "hebdo-7-r2")):
        assert by_id[f"hebdo-7-r{k}@corp.example"].parent_id == \
            by_id[f"{parent}@corp.example"].id


def test_a_reply_whose_parent_is_being_processed_waits_without_spending_an_attempt(
    gateway: Gateway,
) -> None:
    [parent_id] = gateway.deliver(point(2, hours=2))
    [reply_id] = gateway.deliver(answer(2, 1, hours=1))
    claim(gateway, parent_id)  # another worker holds the parent
    claim(gateway, reply_id)

    assert gateway.pipeline.process(reply_id).reason is Reason.WAITING_FOR_PARENT

    row = gateway.raw(reply_id)
    assert (row.status, row.attempts) == (MessageStatus.RECEIVED, 0)
    assert row.next_attempt_at is not None and row.next_attempt_at > utcnow()
    assert gateway.posts() == []


def test_a_waiting_reply_is_not_claimed_before_its_retry_time(gateway: Gateway) -> None:
    [parent_id] = gateway.deliver(point(2, hours=2))
    [reply_id] = gateway.deliver(answer(2, 1, hours=1))
    claim(gateway, parent_id)
    claim(gateway, reply_id)
    gateway.pipeline.process(reply_id)
    with gateway.sessions() as session, session.begin():
        assert queue.claim_batch(session, lease=timedelta(minutes=10), limit=10) == []
        later = utcnow() + timedelta(seconds=3)
        assert queue.claim_batch(session, lease=timedelta(minutes=10), limit=10,
                                 now=later) == [reply_id]


def test_a_reply_that_waited_for_its_parent_joins_it_once_the_parent_is_posted(
    gateway: Gateway,
) -> None:
    gateway.pipeline = Pipeline(gateway.sessions, make_settings(parent_retry=timedelta(0)))
    [parent_id] = gateway.deliver(point(3, hours=2))
    [reply_id] = gateway.deliver(answer(3, 1, hours=1))
    claim(gateway, parent_id)
    claim(gateway, reply_id)
    assert gateway.pipeline.process(reply_id).reason is Reason.WAITING_FOR_PARENT
    assert gateway.pipeline.process(parent_id).reason is Reason.POSTED

    assert [r.reason for r in gateway.run()] == [Reason.POSTED]
    found = threads_by_message_id(gateway)
    assert found["hebdo-3-r1@corp.example"] == found["hebdo-3@corp.example"]
    assert thread_count(gateway) == 1


def test_a_reply_waits_no_longer_than_parent_wait(gateway: Gateway) -> None:
    [parent_id] = gateway.deliver(point(4, hours=2))
    [reply_id] = gateway.deliver(answer(4, 1, hours=1))
    with gateway.sessions() as session, session.begin():
        session.execute(update(RawMessage).where(RawMessage.id == reply_id).values(
            received_at=utcnow() - timedelta(minutes=6)))
    claim(gateway, parent_id)
    claim(gateway, reply_id)
    assert gateway.pipeline.process(reply_id).reason is Reason.POSTED


def test_a_reply_to_a_held_message_does_not_wait_and_joins_it_when_it_is_approved(
    gateway: Gateway,
) -> None:
    [held_id] = gateway.deliver(point(5, hours=2,
                                      sender="Marc Petit <marc.petit@fournisseur.example>"))
    assert [r.reason for r in gateway.run()] == [Reason.NON_MEMBER_HELD]
    gateway.deliver(answer(5, 1, hours=1))
    assert [r.reason for r in gateway.run()] == [Reason.POSTED]

    approved = take_decision(gateway.pipeline, held_id, Decision.APPROVE,
                             via=DecisionChannel.WEB, by="elodie.martin@corp.example")
    assert approved is not None and approved.reason is Reason.APPROVED
    found = threads_by_message_id(gateway)
    assert found["hebdo-5-r1@corp.example"] == found["hebdo-5@corp.example"]
    assert thread_count(gateway) == 1


def test_a_reply_that_joined_another_thread_by_subject_leaves_it_with_its_replies(
    gateway: Gateway,
) -> None:
    gateway.deliver(point(10, hours=50))
    gateway.deliver(answer(10, 1, hours=49))
    gateway.run()
    # Week 11's answers arrive before week 11 itself: by subject they go to week 10.
    gateway.deliver(answer(11, 1, hours=3, sender=SARAH))
    gateway.run()
    gateway.deliver(answer(11, 2, hours=2))
    gateway.run()
    gateway.deliver(point(11, hours=4))
    gateway.run()

    found = threads_by_message_id(gateway)
    assert found["hebdo-10-r1@corp.example"] == found["hebdo-10@corp.example"]
    assert found["hebdo-11-r1@corp.example"] == found["hebdo-11@corp.example"]
    assert found["hebdo-11-r2@corp.example"] == found["hebdo-11@corp.example"]
    assert found["hebdo-10@corp.example"] != found["hebdo-11@corp.example"]
    assert thread_count(gateway) == 2


def test_an_import_with_the_reply_before_its_parent_threads_it(gateway: Gateway) -> None:
    gateway.deliver(answer(6, 1, hours=1), source=MessageSource.IMPORT)
    gateway.deliver(point(6, hours=2), source=MessageSource.IMPORT)
    reasons = [r.reason for r in gateway.run()]
    assert reasons == [Reason.POSTED, Reason.POSTED]  # nothing waits in an import
    found = threads_by_message_id(gateway)
    assert found["hebdo-6-r1@corp.example"] == found["hebdo-6@corp.example"]
    assert thread_count(gateway) == 1


# --- the subject, only for mail that looks like a reply --------------------------------

def test_forty_weekly_mails_with_one_subject_are_forty_threads_with_their_own_replies(
    gateway: Gateway,
) -> None:
    for n in range(40):
        gateway.deliver(point(n, hours=(40 - n) * 4))
        for k in (1, 2, 3):
            gateway.deliver(answer(n, k, hours=(40 - n) * 4 - k))
    gateway.run()

    found = threads_by_message_id(gateway)
    assert thread_count(gateway) == 40
    for n in range(40):
        for k in (1, 2, 3):
            assert found[f"hebdo-{n}-r{k}@corp.example"] == found[f"hebdo-{n}@corp.example"]


def test_a_reply_without_headers_joins_the_latest_thread_of_its_subject(gateway: Gateway) -> None:
    gateway.deliver(point(1, hours=30))
    gateway.deliver(point(2, hours=6))
    gateway.run()
    gateway.deliver(mail(sender=JEROME, subject="RE: Point hebdo", message_id="sans@corp.example",
                         date=ago(1), body="Je serai en retard."))
    gateway.run()
    found = threads_by_message_id(gateway)
    assert found["sans@corp.example"] == found["hebdo-2@corp.example"]


def test_a_reply_whose_headers_name_a_known_post_never_goes_by_subject(gateway: Gateway) -> None:
    gateway.deliver(point(1, hours=30))
    gateway.deliver(point(2, hours=6))
    gateway.run()
    gateway.deliver(answer(1, 1, hours=1))
    gateway.run()
    found = threads_by_message_id(gateway)
    assert found["hebdo-1-r1@corp.example"] == found["hebdo-1@corp.example"]


def test_a_new_mail_without_reply_headers_starts_a_thread_even_with_a_known_subject(
    gateway: Gateway,
) -> None:
    gateway.deliver(point(1, hours=30))
    gateway.deliver(point(2, hours=6))
    gateway.run()
    found = threads_by_message_id(gateway)
    assert found["hebdo-1@corp.example"] != found["hebdo-2@corp.example"]
