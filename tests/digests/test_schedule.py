"""Digests follow the calendar and the mail's arrival, on SQLite and PostgreSQL.

What a digest holds is chosen by when a mail reached the wall, not by its `Date:`;
when a digest falls due is counted from the digest scheduler's first run and the
person's first membership, and a period missed while the scheduler was down is
caught up once. The arrival tests deliver through the real intake at the real
time and run the digests a little later; the calendar tests run on NOW's clock
(Monday 16 November 2026, 08:00 in Paris).
"""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from digests import views
from digests.run import run_digests
from gateway.importer import Mbox, import_archive
from gateway.pipeline import Pipeline, Settings
from tests.digests.conftest import (
    ATLAS,
    DOMAIN,
    ELODIE,
    JEROME,
    NOW,
    SARAH,
    SETTINGS,
    World,
    deliver,
    post,
    text_part,
)
from wall_store import people
from wall_store.base import utcnow
from wall_store.models import (
    DigestFrequency,
    DigestSent,
    Like,
    Person,
    PostSource,
    SchedulerJob,
    Thread,
)

PARIS = ZoneInfo("Europe/Paris")
SATURDAY = NOW + timedelta(days=5)  # 21 November, 08:00 in Paris
NEXT_MONDAY = NOW + timedelta(days=7)


def daily(world: World, address: str) -> int:
    with world.sessions() as session, session.begin():
        person = people.find_person(session, address)
        assert person is not None
        person.digest_frequency = DigestFrequency.DAILY
        return person.id


def new_install(world: World) -> None:
    """The same people and posts, on an install whose digest scheduler never ran."""
    with world.sessions() as session, session.begin():
        session.execute(delete(SchedulerJob))


def mail_from_jerome(subject: str, body: str, date: datetime, message_id: str
                     ) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"Jérôme Dubois <{JEROME}>"
    msg["To"] = ATLAS
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{message_id}>"
    msg["Date"] = format_datetime(date.astimezone(PARIS))
    msg.set_content(body)
    return msg


def digests_with(world: World, address: str, text: str) -> int:
    return sum(text in text_part(m) for m in world.mails_to(address, "digest"))


# --- the mail's arrival ---------------------------------------------------------------


def test_a_mail_dated_three_weeks_ago_but_received_now_is_in_the_next_digest_with_its_date(
    world: World,
) -> None:
    elodie = daily(world, ELODIE)
    written = utcnow() - timedelta(days=21)  # sat in Jérôme's outbox for three weeks
    _, reason = deliver(world, mail_from_jerome(
        "Réserves sur le lot 3", "Bonjour Élodie,\n\nLes réserves du lot 3 sont levées, "
        "le procès-verbal suit.\n\nJérôme", written, "reserves-lot3@lumiere-sa.fr"), JEROME)
    assert reason == "posted"
    report = run_digests(world.sessions, SETTINGS, now=utcnow() + timedelta(hours=1),
                         person_ids=[elodie])
    assert report.sent == 1
    [mail] = world.mails_to(ELODIE, "digest")
    text = text_part(mail)
    assert "Les réserves du lot 3 sont levées" in text
    assert views.when(written, PARIS) in text  # shown at the date Jérôme wrote it


def test_a_mail_dated_ahead_of_its_arrival_is_in_one_digest_only(world: World) -> None:
    elodie = daily(world, ELODIE)
    written = utcnow() + timedelta(hours=10)  # a laptop clock set ten hours ahead
    _, reason = deliver(world, mail_from_jerome(
        "Livraison des luminaires", "La livraison des luminaires est confirmée pour "
        "jeudi matin.", written, "livraison-luminaires@lumiere-sa.fr"), JEROME)
    assert reason == "posted"
    first = utcnow() + timedelta(hours=1)
    run_digests(world.sessions, SETTINGS, now=first, person_ids=[elodie])
    run_digests(world.sessions, SETTINGS, now=first + timedelta(days=1), person_ids=[elodie])
    assert digests_with(world, ELODIE, "La livraison des luminaires est confirmée") == 1
    [mail] = world.mails_to(ELODIE, "digest")
    assert views.when(written, PARIS) in text_part(mail)


# --- the calendar ------------------------------------------------------------------------


def test_a_new_install_first_started_on_a_saturday_sends_no_weekly_catch_up(
    world: World,
) -> None:
    new_install(world)
    report = run_digests(world.sessions, SETTINGS, now=SATURDAY)
    assert report.due == 0 and report.sent == 0
    assert world.outbox("digest") == []


def test_a_new_install_first_started_on_a_saturday_sends_the_weekly_digest_on_monday(
    world: World,
) -> None:
    new_install(world)
    run_digests(world.sessions, SETTINGS, now=SATURDAY)
    report = run_digests(world.sessions, SETTINGS, now=NEXT_MONDAY)
    assert report.due == 3
    assert {e["period"] for e in report.digests} == {"weekly:2026-W48"}


def test_someone_who_joins_on_a_saturday_waits_for_monday(world: World) -> None:
    with world.sessions() as session, session.begin():
        membership = people.add_member(session, "atlas", "claire.petit@lumiere-sa.fr",
                                       name="Claire Petit")[0]
        membership.created_at = SATURDAY - timedelta(hours=1)
        claire = membership.person_id
    assert run_digests(world.sessions, SETTINGS, now=SATURDAY, person_ids=[claire]).due == 0
    monday = run_digests(world.sessions, SETTINGS, now=NEXT_MONDAY, person_ids=[claire])
    assert [e["period"] for e in monday.digests] == ["weekly:2026-W48"]


def test_a_scheduler_down_over_mondays_hour_sends_mondays_digest_on_wednesday_once(
    world: World,
) -> None:
    wednesday = NOW + timedelta(days=2)
    caught_up = run_digests(world.sessions, SETTINGS, now=wednesday)
    assert caught_up.sent == 3
    assert {e["period"] for e in caught_up.digests} == {"weekly:2026-W47"}
    again = run_digests(world.sessions, SETTINGS, now=wednesday + timedelta(minutes=5))
    assert again.sent == 0 and again.already_sent == 3
    assert len(world.outbox("digest")) == 3


def test_a_new_install_sends_no_daily_digest_before_the_next_days_hour(world: World) -> None:
    new_install(world)
    elodie = daily(world, ELODIE)
    assert run_digests(world.sessions, SETTINGS, now=NOW, person_ids=[elodie]).due == 0
    tomorrow = run_digests(world.sessions, SETTINGS, now=NOW + timedelta(days=1),
                           person_ids=[elodie])
    assert [e["period"] for e in tomorrow.digests] == ["daily:2026-11-17"]


def test_a_daily_digest_missed_at_its_hour_goes_out_the_next_morning_once(
    world: World,
) -> None:
    elodie = daily(world, ELODIE)
    with world.sessions() as session, session.begin():
        thread = session.get(Thread, world.ids["planning"])
        jerome = session.get(Person, world.ids["jerome"])
        assert thread is not None and jerome is not None
        post(session, thread, jerome, "Le camion de luminaires arrivera à 14 h.",
             NOW + timedelta(hours=2), "planning-3@lumiere-sa.fr")
    # Down from before Monday's 07:00 until Tuesday 06:30 in Paris, before that day's hour.
    tuesday_early = NOW + timedelta(hours=22, minutes=30)
    missed = run_digests(world.sessions, SETTINGS, now=tuesday_early, person_ids=[elodie])
    assert [(e["period"], e["sent"]) for e in missed.digests] == [("daily:2026-11-16", True)]
    run_digests(world.sessions, SETTINGS, now=tuesday_early + timedelta(hours=1),
                person_ids=[elodie])
    assert digests_with(world, ELODIE, "Le camion de luminaires arrivera à 14 h.") == 1
    with world.sessions() as session:
        periods = sorted(session.scalars(select(DigestSent.period).where(
            DigestSent.person_id == elodie)))
    assert periods == ["daily:2026-11-16", "daily:2026-11-17"]



# --- imported history ----------------------------------------------------------------------


def import_into_atlas(world: World, folder: Path, *messages: EmailMessage) -> None:
    archive = mailbox.mbox(folder / "atlas.mbox")
    for msg in messages:
        archive.add(msg)
    archive.flush()
    pipeline = Pipeline(world.sessions, Settings(domain=DOMAIN, secret=SETTINGS.secret))
    summary = import_archive(pipeline, Mbox(folder / "atlas.mbox"), community="atlas")
    assert summary.read == len(messages) and summary.not_posted == {}, summary


def test_a_mail_imported_from_an_archive_is_history_not_news(world: World,
                                                            tmp_path: Path) -> None:
    elodie = daily(world, ELODIE)
    import_into_atlas(world, tmp_path, mail_from_jerome(
        "Compte rendu de chantier", "Visite de chantier de ce matin : rien à signaler.",
        utcnow() - timedelta(hours=3), "cr-chantier@lumiere-sa.fr"))
    report = run_digests(world.sessions, SETTINGS, now=utcnow() + timedelta(hours=1),
                         person_ids=[elodie])
    assert report.due == 1 and report.sent == 0


def test_a_plus_one_imported_from_an_archive_is_not_a_like_in_digests(world: World,
                                                                     tmp_path: Path) -> None:
    sarah = daily(world, SARAH)
    plus_one = EmailMessage()
    plus_one["From"] = f"Élodie Martin <{ELODIE}>"
    plus_one["To"] = ATLAS
    plus_one["Subject"] = "RE: Badges d'accès au chantier"
    plus_one["Message-ID"] = "<plus-un-badges@lumiere-sa.fr>"
    plus_one["In-Reply-To"] = "<badges-1@partner.example>"
    plus_one["References"] = "<badges-1@partner.example>"
    plus_one["Date"] = format_datetime(utcnow().astimezone(PARIS) - timedelta(hours=2))
    plus_one.set_content("+1\n")
    import_into_atlas(world, tmp_path, plus_one)
    with world.sessions() as session:
        [like] = session.scalars(select(Like).where(Like.person_id == world.ids["elodie"]))
    assert like.source is PostSource.IMPORT
    report = run_digests(world.sessions, SETTINGS, now=utcnow() + timedelta(hours=1),
                         person_ids=[sarah])
    assert report.due == 1 and report.sent == 0


def test_a_daily_digest_caught_up_late_covers_the_whole_day_it_stands_for(
    world: World,
) -> None:
    elodie = daily(world, ELODIE)
    with world.sessions() as session, session.begin():
        thread = session.get(Thread, world.ids["planning"])
        jerome = session.get(Person, world.ids["jerome"])
        assert thread is not None and jerome is not None
        # Sunday 20:00 in Paris: after Sunday's digest hour, so news for Monday's.
        post(session, thread, jerome, "Les badges du lot 2 sont prêts à l'accueil.",
             NOW - timedelta(hours=12), "planning-3@lumiere-sa.fr")
    # The scheduler is down from before Monday's 07:00 until Tuesday 06:30 in Paris.
    run_digests(world.sessions, SETTINGS, now=NOW + timedelta(hours=22, minutes=30),
                person_ids=[elodie])
    assert digests_with(world, ELODIE, "Les badges du lot 2 sont prêts à l'accueil.") == 1
