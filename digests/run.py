"""`mailwall digest run` and the scheduler: send each person's due digest exactly once.

A digest's outbox row and its DigestSent row (unique per person and period) are
written in one transaction, so a crash leaves a person either fully done or not
at all; the rerun skips who is done and finishes the rest. People are prepared in
batches (no database access) and each batch is written in one transaction, with a
few bulk statements, to keep a large run fast without a long-held transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy.orm import Session, sessionmaker

from digests import compose, render, views
from digests.selection import Selection, Snapshot, select_for
from digests.settings import MailSettings
from digests.stages import update_stages
from wall_store import digest_queries, jobs
from wall_store.base import utcnow
from wall_store.digest_queries import Recipient
from wall_store.models import AdoptionStage, DigestFrequency

# The scheduler job whose first run `due_period` counts from.
JOB = "digests"
LENGTH = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}


def frequency_of(person: Recipient, settings: MailSettings) -> DigestFrequency:
    if person.frequency is not None:
        return person.frequency
    try:
        return DigestFrequency(settings.default_frequency)
    except ValueError:
        return DigestFrequency.WEEKLY


def effective_frequency(person: Recipient, settings: MailSettings) -> DigestFrequency:
    """Wall people get at most a weekly summary: the wall already tells them the rest."""
    chosen = frequency_of(person, settings)
    if chosen is DigestFrequency.DAILY and person.stage is AdoptionStage.WALL:
        return DigestFrequency.WEEKLY
    return chosen


def period_key(frequency: DigestFrequency, local: datetime) -> str:
    if frequency is DigestFrequency.DAILY:
        return f"daily:{local.date().isoformat()}"
    year, week, _ = local.isocalendar()
    return f"weekly:{year}-W{week:02d}"


def due_moment(frequency: DigestFrequency, settings: MailSettings, local: datetime
               ) -> datetime:
    """The last moment at or before `local` (an aware time in the person's zone) when a
    digest of this frequency fell due: the configured hour of the day, or of the
    configured weekday. Wall-clock arithmetic, so the hour holds across DST changes."""
    moment = local.replace(hour=settings.hour, minute=0, second=0, microsecond=0)
    if frequency is DigestFrequency.DAILY:
        step = timedelta(days=1)
    else:
        moment -= timedelta(days=(local.isoweekday() - settings.weekday) % 7)
        step = timedelta(days=7)
    return moment if moment <= local else moment - step


def due_period(person: Recipient, settings: MailSettings, now: datetime,
               scheduler_since: datetime) -> str | None:
    """The period whose digest is due now in the person's own time zone, or None.

    A period is due once its moment (the configured hour, on the configured weekday
    for a weekly digest) has passed, until it is sent: a scheduler that was down at
    that moment catches it up when it comes back. Only a moment that came after both
    the scheduler's first run and the person's first membership counts: a new install
    started on a Saturday, or a person who joined on a Saturday, waits for Monday
    instead of getting a catch-up for a week they were not there for.
    """
    frequency = effective_frequency(person, settings)
    if frequency is DigestFrequency.NEVER:
        return None
    moment = due_moment(frequency, settings, now.astimezone(views.zone(person.timezone)))
    start = scheduler_since
    if person.member_since is not None and person.member_since > start:
        start = person.member_since
    return period_key(frequency, moment) if moment > start else None


def window_start(person: Recipient, settings: MailSettings, now: datetime) -> datetime:
    """Since the last digest, but never further back than one period before the moment the
    digest stands for: a digest caught up late still covers its whole period."""
    frequency = effective_frequency(person, settings)
    if frequency is DigestFrequency.NEVER:
        frequency = DigestFrequency.WEEKLY
    moment = due_moment(frequency, settings, now.astimezone(views.zone(person.timezone)))
    floor = moment - LENGTH[frequency]
    last = person.last_digest_at
    return max(last, floor) if last is not None else floor


@dataclass
class Prepared:
    person: Recipient
    period: str
    selection: Selection
    message: compose.Composed | None
    subject: str = ""


def prepare(person: Recipient, snapshot: Snapshot, settings: MailSettings, period: str,
            now: datetime) -> Prepared:
    """Select, score, render and compose one person's digest (no database access)."""
    since = window_start(person, settings, now)
    selection = select_for(person, snapshot, since)
    if not selection.worth_sending():
        return Prepared(person, period, selection, None)
    frequency = effective_frequency(person, settings).value
    context = views.digest_context(selection, settings, period, frequency)
    rendered = render.render("digest", context["lang"], context)
    communities = {t.community.slug for t in selection.threads} | {
        c.slug for c, _ in selection.documents}
    single = next(iter(communities)) if len(communities) == 1 else None
    mail = compose.Outgoing(
        kind="digest",
        sender_name=context["community_name"] or settings.site_name,
        from_address=settings.from_address,
        to_address=person.address,
        to_name=person.name,
        rendered=rendered,
        list_id=compose.list_id(f"Mailwall {frequency} digest",
                                f"digest.{single}" if single else "digest", settings.domain),
        unsubscribe_url=context["unsubscribe_url"],
        origin=f"period={period}",
    )
    return Prepared(person, period, selection, compose.compose(mail, settings.domain),
                    rendered.subject)


@dataclass
class RunReport:
    considered: int = 0
    due: int = 0
    sent: int = 0
    nothing_to_send: int = 0
    already_sent: int = 0
    stage_changes: int = 0
    dry_run: bool = False
    digests: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


Hook = Callable[[Prepared], None]


def run_digests(
    sessions: sessionmaker[Session],
    settings: MailSettings,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    person_ids: Sequence[int] | None = None,
    batch: int = 50,
    after_each: Hook | None = None,
) -> RunReport:
    """Sends every due, not yet sent digest. `after_each` runs once per prepared person
    inside the batch's transaction (tests use it to inject a crash)."""
    now = now or utcnow()
    report = RunReport(dry_run=dry_run)
    if dry_run:
        with sessions() as session:
            started = jobs.first_run_at(session, JOB) or now
    else:
        with sessions() as session, session.begin():
            started = jobs.record_run(session, JOB, now)
            report.stage_changes = len(update_stages(session, settings.adoption, now))
    with sessions() as session:
        people = digest_queries.recipients(session, person_ids)
        report.considered = len(people)
        due = [(p, k) for p in people
               if (k := due_period(p, settings, now, started)) is not None]
        done = digest_queries.periods_done(session, [k for _, k in due])
        todo = [(p, k) for p, k in due if (p.id, k) not in done]
        report.due = len(due)
        report.already_sent = len(due) - len(todo)
        if not todo:
            return report
        earliest = min(window_start(p, settings, now) for p, _ in todo)
        snapshot = Snapshot.load(session, {c for p, _ in todo for c in p.communities},
                                 earliest, now)
    for start in range(0, len(todo), batch):
        # Prepared outside the transaction (no database access), then written in one
        # go: each person's outbox row and DigestSent row commit together with the
        # rest of the batch, or not at all.
        chunk = [prepare(person, snapshot, settings, period, now)
                 for person, period in todo[start:start + batch]]
        records = [_record(prepared, report) for prepared in chunk]
        with sessions() as session, session.begin():
            if not dry_run:
                digest_queries.record_digests(session, records, now)
            if after_each is not None:
                for prepared in chunk:
                    after_each(prepared)
            if dry_run:
                session.rollback()
    return report


def _record(prepared: Prepared, report: RunReport) -> digest_queries.DigestRecord:
    person = prepared.person
    entry: dict[str, object] = {"email": person.address, "period": prepared.period,
                                "items": prepared.selection.items,
                                "stage": person.stage.value}
    report.digests.append(entry)
    if prepared.message is None:
        report.nothing_to_send += 1
        entry["sent"] = False
        # Recorded so that the rest of the period costs nothing; no mail goes out.
        return digest_queries.DigestRecord(person.id, prepared.period, 0, None)
    report.sent += 1
    entry["sent"] = True
    entry["subject"] = prepared.subject
    mail = digest_queries.QueuedMail(
        envelope_from=_bounce_address(prepared), recipient=person.address,
        subject=prepared.subject, message_id=compose.message_id_of(prepared.message),
        raw=prepared.message.as_bytes())
    return digest_queries.DigestRecord(person.id, prepared.period,
                                       prepared.selection.items, mail)


def _bounce_address(prepared: Prepared) -> str:
    assert prepared.message is not None
    return _address_of(str(prepared.message["From"]))


@lru_cache(maxsize=256)
def _address_of(header: str) -> str:
    from email.utils import parseaddr

    return parseaddr(header)[1]


def preview(sessions: sessionmaker[Session], settings: MailSettings, address: str,
            *, now: datetime | None = None) -> Prepared | None:
    """What this person would get now, whatever the schedule says; None if unknown."""
    from wall_store.people import find_person

    now = now or utcnow()
    with sessions() as session:
        found = find_person(session, address)
        if found is None:
            return None
        people = digest_queries.recipients(session, [found.id])
        if not people:
            return None
        person = people[0]
        since = window_start(person, settings, now)
        snapshot = Snapshot.load(session, person.communities, since, now)
    frequency = effective_frequency(person, settings)
    local = now.astimezone(views.zone(person.timezone))
    key = period_key(frequency if frequency is not DigestFrequency.NEVER
                     else DigestFrequency.WEEKLY, local)
    return prepare(person, snapshot, settings, key, now)
