"""Digest runs, notifications and preferences, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from digests.notifications import send_notifications
from digests.run import Prepared, due_period, run_digests
from digests.scoring import Signals, score
from digests.stages import stage_for, update_stages
from tests.digests.conftest import ELODIE, JEROME, NOW, SARAH, SETTINGS, World, post, text_part
from wall_store import activity, links, preferences
from wall_store.models import (
    ActivityKind,
    ActivitySource,
    AdoptionStage,
    DigestFrequency,
    DigestSent,
    Notification,
    OutboxMessage,
    Person,
    Thread,
)


class InjectedCrash(Exception):
    pass


# --- scoring and stages (pure) -----------------------------------------------------------


def test_a_mention_outranks_a_busy_thread() -> None:
    busy = Signals(posts=300, authors=25, likes=90)
    assert score(Signals(mentions_of_person=1, posts=1, authors=1)) > score(busy)


def test_an_answer_outranks_activity_but_not_a_mention() -> None:
    answer = score(Signals(answers_to_person=1, posts=1, authors=1))
    assert answer > score(Signals(posts=40, authors=12, likes=30))
    assert answer < score(Signals(mentions_of_person=1, posts=1, authors=1))


def test_among_equals_the_fresher_thread_wins() -> None:
    assert score(Signals(posts=3, hours_since_last=2)) > score(Signals(posts=3,
                                                                     hours_since_last=50))


@pytest.mark.parametrize(("email", "wall", "stage"), [
    (10, 0, AdoptionStage.EMAIL_ONLY),
    (9, 1, AdoptionStage.EMAIL_ONLY),
    (6, 4, AdoptionStage.HYBRID),
    (2, 8, AdoptionStage.WALL),
])
def test_the_stage_follows_the_share_of_actions_on_the_wall(
    email: int, wall: int, stage: AdoptionStage
) -> None:
    assert stage_for(email, wall, AdoptionStage.EMAIL_ONLY, hybrid_from=0.2,
                     wall_from=0.7) is stage


def test_a_silent_person_keeps_their_stage() -> None:
    assert stage_for(0, 0, AdoptionStage.HYBRID, hybrid_from=0.2,
                     wall_from=0.7) is AdoptionStage.HYBRID


def test_moving_to_the_wall_is_stored_and_logged(world: World) -> None:
    from wall_store.models import StageChange

    with world.sessions() as session, session.begin():
        for day in range(5):
            activity.record(session, world.ids["jerome"], ActivityKind.VISIT, ActivitySource.WEB,
                            at=NOW - timedelta(days=day))
        moves = update_stages(session, SETTINGS.adoption, NOW)
    assert [(m.old, m.new) for m in moves] == [(AdoptionStage.EMAIL_ONLY, AdoptionStage.WALL)]
    with world.sessions() as session:
        assert session.get(Person, world.ids["jerome"]).adoption_stage is AdoptionStage.WALL
        [change] = session.scalars(select(StageChange)).all()
        assert change.person_id == world.ids["jerome"]


# --- digest runs -----------------------------------------------------------------------


def test_a_weekly_digest_is_due_from_monday_at_the_configured_hour_in_the_persons_zone(
    world: World,
) -> None:
    from wall_store.digest_queries import recipients

    with world.sessions() as session:
        elodie = next(p for p in recipients(session) if p.address == ELODIE)
    installed = NOW - timedelta(days=60)
    # 06:00 UTC is 07:00 in Paris: this week's is due; at 05:59 UTC it is still last
    # week's (sent a week ago, unless the scheduler missed it).
    assert due_period(elodie, SETTINGS, NOW.replace(hour=6), installed) == "weekly:2026-W47"
    assert due_period(elodie, SETTINGS, NOW.replace(hour=5, minute=59),
                      installed) == "weekly:2026-W46"


def test_a_second_run_sends_nothing(world: World) -> None:
    first = run_digests(world.sessions, SETTINGS, now=NOW)
    assert first.sent == 3
    second = run_digests(world.sessions, SETTINGS, now=NOW + timedelta(hours=2))
    assert second.sent == 0 and second.already_sent == 3
    assert len(world.outbox("digest")) == 3


def test_a_crash_in_the_middle_of_a_run_resumes_without_doubles(world: World) -> None:
    seen: list[str] = []

    def crash_on_second(prepared: Prepared) -> None:
        seen.append(prepared.person.address)
        if len(seen) == 2:
            raise InjectedCrash("power cut while queueing the second digest")

    # One person per transaction: the first is committed, the second dies with the crash.
    with pytest.raises(InjectedCrash):
        run_digests(world.sessions, SETTINGS, now=NOW, batch=1, after_each=crash_on_second)
    assert [r.recipient for r in world.outbox("digest")] == [seen[0]]
    resumed = run_digests(world.sessions, SETTINGS, now=NOW)
    assert resumed.already_sent == 1 and resumed.sent == 2
    recipients = sorted(r.recipient for r in world.outbox("digest"))
    assert recipients == sorted([ELODIE, JEROME, SARAH])
    with world.sessions() as session:
        assert session.scalar(select(func.count()).select_from(DigestSent)) == 3


def test_a_private_community_never_reaches_a_non_members_digest(world: World) -> None:
    run_digests(world.sessions, SETTINGS, now=NOW)
    [elodie] = world.mails_to(ELODIE, "digest")
    assert "Budget confidentiel 2027" not in text_part(elodie)  # her own post: not news
    for address in (JEROME, SARAH):
        [mail] = world.mails_to(address, "digest")
        text = text_part(mail)
        assert "Budget confidentiel" not in text and "Comité de direction" not in text


def test_a_private_community_reaches_its_members(world: World) -> None:
    with world.sessions() as session, session.begin():
        from wall_store import people

        thread = session.get(Thread, world.ids["secret"])
        jerome = people.add_member(session, "direction", JEROME)[0].person
        post(session, thread, jerome, "Je valide la proposition.", NOW - timedelta(hours=3),
             "budget-2@lumiere-sa.fr")
    run_digests(world.sessions, SETTINGS, now=NOW)
    [elodie] = world.mails_to(ELODIE, "digest")
    assert "Je valide la proposition." in text_part(elodie)


def test_a_digest_with_nothing_worth_sending_is_not_sent(world: World) -> None:
    later = NOW + timedelta(days=14)  # a quiet fortnight later
    report = run_digests(world.sessions, SETTINGS, now=later)
    assert report.sent == 0 and report.nothing_to_send == 3
    assert world.outbox("digest") == []


def test_a_dry_run_writes_nothing(world: World) -> None:
    report = run_digests(world.sessions, SETTINGS, now=NOW, dry_run=True)
    assert report.sent == 3
    assert world.outbox("digest") == []
    assert run_digests(world.sessions, SETTINGS, now=NOW).sent == 3


def test_hybrid_people_get_excerpts_and_wall_people_a_short_summary(world: World) -> None:
    with world.sessions() as session, session.begin():
        session.get(Person, world.ids["elodie"]).adoption_stage = AdoptionStage.HYBRID
        session.get(Person, world.ids["jerome"]).adoption_stage = AdoptionStage.WALL
    run_digests(world.sessions, SETTINGS, now=NOW)
    elodie = text_part(world.mails_to(ELODIE, "digest")[0])
    assert "Merci Élodie, le 24 me va." in elodie
    assert "Seulement sur le mur" not in elodie  # no nudges past email-only
    [jerome] = world.mails_to(JEROME, "digest")
    assert str(jerome["Subject"]) == "Votre résumé de la semaine"
    assert "Hello, who hands out the site badges?" not in text_part(jerome)
    assert "Badges d'accès au chantier" in text_part(jerome)


def test_a_daily_reader_gets_yesterday_only(world: World) -> None:
    with world.sessions() as session, session.begin():
        session.get(Person, world.ids["elodie"]).digest_frequency = DigestFrequency.DAILY
    report = run_digests(world.sessions, SETTINGS, now=NOW, person_ids=[world.ids["elodie"]])
    assert report.digests[0]["period"] == "daily:2026-11-16"
    text = text_part(world.mails_to(ELODIE, "digest")[0])
    assert "« planning-lot2.xlsx » a une nouvelle version (v2)" in text
    assert "Merci Élodie" not in text  # three days old


# --- unsubscribe and preferences -----------------------------------------------------------


def test_one_click_unsubscribe_turns_digests_off(world: World) -> None:
    run_digests(world.sessions, SETTINGS, now=NOW)
    [mail] = world.mails_to(SARAH, "digest")
    url = str(mail["List-Unsubscribe"]).strip("<>")
    token = url.removeprefix(links.unsubscribe_url(SETTINGS.base_url, ""))
    with world.sessions() as session, session.begin():
        person = preferences.unsubscribe_by_token(session, SETTINGS.secret, token)
        assert person is not None and person.primary_address == SARAH
    with world.sessions() as session:
        assert session.get(Person, world.ids["sarah"]).digest_frequency is DigestFrequency.NEVER
    next_week = run_digests(world.sessions, SETTINGS, now=NOW + timedelta(days=7))
    assert SARAH not in {d["email"] for d in next_week.digests}


def test_a_forged_unsubscribe_token_changes_nothing(world: World) -> None:
    with world.sessions() as session, session.begin():
        forged = preferences.unsubscribe_token(b"x" * 48, world.ids["sarah"])
        assert preferences.unsubscribe_by_token(session, SETTINGS.secret, forged) is None
        assert session.get(Person, world.ids["sarah"]).digest_frequency is None


# --- notifications --------------------------------------------------------------------------


def test_a_reply_notifies_the_thread_starter_and_a_mention_the_person_named(
    world: World,
) -> None:
    with world.sessions() as session:
        rows = {(n.person_id, n.post_id, n.kind) for n in session.scalars(select(Notification))}
    assert rows == {(world.ids["elodie"], world.ids["answer"], "reply"),
                    (world.ids["jerome"], rows_post(world, "badges-1@partner.example"),
                     "mention")}


def rows_post(world: World, message_id: str) -> int:
    from wall_store.models import Post

    with world.sessions() as session:
        found = session.scalar(select(Post.id).where(Post.message_id == message_id))
        assert found is not None
        return found


def test_notifications_are_batched_to_one_mail_per_window(world: World) -> None:
    assert send_notifications(world.sessions, SETTINGS, now=NOW) == 2
    with world.sessions() as session, session.begin():
        thread = session.get(Thread, world.ids["planning"])
        jerome = session.get(Person, world.ids["jerome"])
        sarah = session.get(Person, world.ids["sarah"])
        post(session, thread, jerome, "Et la recette, on la fait à quelle heure ?",
             NOW + timedelta(minutes=1), "planning-3@lumiere-sa.fr")
        post(session, thread, sarah, "I can be there at 9.", NOW + timedelta(minutes=2),
             "planning-4@partner.example")
    # Within five minutes of her last notification, Élodie waits.
    assert send_notifications(world.sessions, SETTINGS, now=NOW + timedelta(minutes=3)) == 0
    assert send_notifications(world.sessions, SETTINGS, now=NOW + timedelta(minutes=6)) == 1
    mails = world.mails_to(ELODIE, "notification")
    assert len(mails) == 2
    text = text_part(mails[1])
    assert "Et la recette" in text and "I can be there at 9." in text
    assert str(mails[1]["Subject"]) == "[Projet Atlas] 2 nouveaux messages pour vous"


def test_notifications_switched_off_send_nothing(world: World) -> None:
    with world.sessions() as session, session.begin():
        preferences.set_preferences(session, ELODIE, preferences.Changes(notifications=False))
    send_notifications(world.sessions, SETTINGS, now=NOW)
    assert world.mails_to(ELODIE, "notification") == []
    with world.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)
                              .where(OutboxMessage.recipient == JEROME)) == 1
