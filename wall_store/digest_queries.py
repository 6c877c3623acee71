"""The queries digests, notifications, adoption stages and stats are built from.

Digests are selected for thousands of people at once, so these read whole
communities in a few bulk queries; `digests/` then picks each person's share in
Python. Rows come back as small frozen values, never as live ORM objects, so
that a long digest run holds no session state between people.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, insert, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from wall_store.base import utcnow
from wall_store.models import (
    Activity,
    ActivityKind,
    ActivitySource,
    AdoptionStage,
    Blob,
    Community,
    DigestFrequency,
    DigestSent,
    Document,
    DocumentVersion,
    Like,
    Membership,
    Mention,
    OutboxMessage,
    Person,
    Post,
    PostSource,
    StageChange,
    Thread,
)


@dataclass(frozen=True)
class CommunityRow:
    id: int
    slug: str
    name: str
    private: bool


@dataclass(frozen=True)
class PostRow:
    id: int
    thread_id: int
    community_id: int
    subject: str
    thread_starter_id: int | None
    author_id: int
    author_name: str
    parent_author_id: int | None
    created_at: datetime  # the author's date (the mail's Date:), shown and ordering the thread
    received_at: datetime  # when it reached the wall: what decides which digest it is in
    text: str
    source: str


@dataclass(frozen=True)
class LikeRow:
    post_id: int
    post_author_id: int
    thread_id: int
    community_id: int
    subject: str
    liker_id: int
    created_at: datetime


@dataclass(frozen=True)
class VersionRow:
    community_id: int
    name: str
    number: int
    created_at: datetime
    uploaded_by: str
    thread_id: int | None


@dataclass(frozen=True)
class Recipient:
    id: int
    address: str
    name: str
    locale: str
    timezone: str
    frequency: DigestFrequency | None
    stage: AdoptionStage
    notifications: bool
    communities: tuple[int, ...]
    last_digest_at: datetime | None
    member_since: datetime | None  # their first membership: no digest fell due before it


# --- digests ---------------------------------------------------------------------


def communities_by_id(session: Session) -> dict[int, CommunityRow]:
    return {
        c.id: CommunityRow(c.id, c.slug, c.name, c.visibility.value == "private")
        for c in session.scalars(select(Community).where(Community.archived.is_(False)))
    }


def recipients(session: Session, person_ids: Sequence[int] | None = None) -> list[Recipient]:
    """People who are members of at least one community, with their last digest's date."""
    member_of: dict[int, list[int]] = defaultdict(list)
    since: dict[int, datetime] = {}
    query = select(Membership.person_id, Membership.community_id, Membership.created_at
                   ).order_by(Membership.person_id, Membership.community_id)
    if person_ids is not None:
        query = query.where(Membership.person_id.in_(list(person_ids)))
    for person_id, community_id, joined in session.execute(query):
        member_of[person_id].append(community_id)
        if person_id not in since or joined < since[person_id]:
            since[person_id] = joined
    last = dict(session.execute(
        select(DigestSent.person_id, func.max(DigestSent.created_at))
        .where(DigestSent.outbox_id.is_not(None))
        .group_by(DigestSent.person_id)
    ).all())
    people = session.scalars(select(Person).where(Person.id.in_(list(member_of)))
                             .order_by(Person.id)) if member_of else []
    return [
        Recipient(p.id, p.primary_address, p.display_name, p.locale, p.timezone,
                  p.digest_frequency, p.adoption_stage, p.notifications_enabled,
                  tuple(member_of[p.id]), _aware(last.get(p.id)), since.get(p.id))
        for p in people
        # Placeholder people (known only by a quoted name) can never receive mail.
        if not p.primary_address.endswith(".invalid")
    ]


def _aware(value: datetime | None) -> datetime | None:
    from datetime import UTC

    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def recent_posts(session: Session, community_ids: Iterable[int], since: datetime
                 ) -> list[PostRow]:
    """Posts that reached the wall since `since`, whatever date their author's clock gave
    them; imported history is not news (its people had those mails at the time)."""
    ids = list(community_ids)
    if not ids:
        return []
    parent = aliased(Post)
    rows = session.execute(
        select(Post.id, Post.thread_id, Post.community_id, Thread.subject, Thread.started_by_id,
               Post.author_id, Person.display_name, Person.primary_address, parent.author_id,
               Post.created_at, Post.received_at, Post.text, Post.source)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Person, Person.id == Post.author_id)
        .outerjoin(parent, parent.id == Post.parent_id)
        .where(Post.community_id.in_(ids), Post.received_at >= since,
               Post.source != PostSource.IMPORT)
        .order_by(Post.created_at, Post.id)
    )
    return [
        PostRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or r[7], r[8], r[9], r[10], r[11],
                r[12].value if isinstance(r[12], PostSource) else str(r[12]))
        for r in rows
    ]


def recent_likes(session: Session, community_ids: Iterable[int], since: datetime
                 ) -> list[LikeRow]:
    ids = list(community_ids)
    if not ids:
        return []
    rows = session.execute(
        select(Like.post_id, Post.author_id, Post.thread_id, Post.community_id, Thread.subject,
               Like.person_id, Like.created_at)
        .join(Post, Post.id == Like.post_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.community_id.in_(ids), Like.created_at >= since,
               Like.source != PostSource.IMPORT)
    )
    return [LikeRow(*r) for r in rows]


def mentions_of_posts(session: Session, post_ids: Iterable[int]) -> dict[int, set[int]]:
    """post id -> the people it mentions."""
    found: dict[int, set[int]] = defaultdict(set)
    ids = list(post_ids)
    for start in range(0, len(ids), 5000):
        for post_id, person_id in session.execute(
            select(Mention.post_id, Mention.person_id)
            .where(Mention.post_id.in_(ids[start:start + 5000]))
        ):
            found[post_id].add(person_id)
    return found


def recent_versions(session: Session, community_ids: Iterable[int], since: datetime
                    ) -> list[VersionRow]:
    ids = list(community_ids)
    if not ids:
        return []
    rows = session.execute(
        select(Document.community_id, Document.name, DocumentVersion.number,
               DocumentVersion.created_at, Person.display_name, Person.primary_address,
               Post.thread_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .outerjoin(Person, Person.id == DocumentVersion.uploaded_by_id)
        .outerjoin(Post, Post.id == DocumentVersion.post_id)
        .where(Document.community_id.in_(ids), DocumentVersion.created_at >= since,
               or_(Post.id.is_(None), Post.source != PostSource.IMPORT))
        .order_by(DocumentVersion.created_at)
    )
    return [VersionRow(r[0], r[1], r[2], r[3], r[4] or r[5] or "", r[6]) for r in rows]


def thread_message_ids(session: Session, thread_id: int) -> list[str]:
    """The Message-IDs of a thread's posts in order: what `References` names."""
    return list(session.scalars(
        select(Post.message_id).where(Post.thread_id == thread_id)
        .order_by(Post.created_at, Post.id)))


def digest_already_sent(session: Session, person_id: int, period: str) -> bool:
    return session.scalar(select(DigestSent.id).where(
        DigestSent.person_id == person_id, DigestSent.period == period)) is not None


def periods_done(session: Session, periods: Iterable[str]) -> set[tuple[int, str]]:
    wanted = list(set(periods))
    if not wanted:
        return set()
    return {(p, k) for p, k in session.execute(
        select(DigestSent.person_id, DigestSent.period).where(DigestSent.period.in_(wanted)))}


def record_digest(session: Session, person_id: int, period: str, items: int,
                  outbox_id: int | None) -> None:
    """Written in the transaction that queues the mail: both happen, or neither."""
    session.add(DigestSent(person_id=person_id, period=period, items=items,
                           outbox_id=outbox_id))


@dataclass(frozen=True)
class QueuedMail:
    """A composed digest for the outbox (what `outbox.queue_mail` takes)."""

    envelope_from: str
    recipient: str
    subject: str
    message_id: str
    raw: bytes


@dataclass(frozen=True)
class DigestRecord:
    person_id: int
    period: str
    items: int
    mail: QueuedMail | None  # None: nothing to send, only the period is marked done


def record_digests(session: Session, records: Sequence[DigestRecord], at: datetime) -> None:
    """A batch of people's digests in the caller's transaction, in three statements
    instead of three per person: the mails' blobs (content-addressed, insert-or-ignore
    as `blobs.put_blob`), their outbox rows, and every person's DigestSent row. Each
    outbox row and its DigestSent row commit together or not at all, as with
    `record_digest`; a crash before the commit leaves the whole batch to the rerun.
    `at` is the run's clock: the person's next window starts there."""
    if not records:
        return
    blobs: dict[str, bytes] = {}
    outbox_rows = []
    for record in records:
        if record.mail is None:
            continue
        digest = hashlib.sha256(record.mail.raw).hexdigest()
        blobs.setdefault(digest, record.mail.raw)
        outbox_rows.append({"kind": "digest", "envelope_from": record.mail.envelope_from,
                            "recipient": record.mail.recipient,
                            "subject": record.mail.subject,
                            "message_id": record.mail.message_id, "blob_sha256": digest})
    outbox_ids: list[int] = []
    if outbox_rows:
        dialect = session.get_bind().dialect.name
        blob_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        now = utcnow()
        session.execute(
            blob_insert(Blob.__table__).on_conflict_do_nothing(index_elements=["sha256"]),
            [{"sha256": d, "size": len(data), "data": data, "created_at": now}
             for d, data in blobs.items()])
        outbox = OutboxMessage.__table__
        outbox_ids = list(session.scalars(
            insert(outbox).returning(outbox.c.id, sort_by_parameter_order=True), outbox_rows))
    ids = iter(outbox_ids)
    session.execute(insert(DigestSent.__table__), [
        {"person_id": r.person_id, "period": r.period, "items": r.items,
         "outbox_id": next(ids) if r.mail is not None else None, "created_at": at}
        for r in records])


@contextmanager
def scheduler_lock(engine: Engine, key: int = 0x6D77_6467) -> Iterator[bool]:
    """On PostgreSQL, one digest scheduler at a time across `serve` nodes (advisory lock);
    yields whether this process holds it. SQLite has one process by design."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as conn:
        got = bool(conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}))
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()


# --- adoption stages ----------------------------------------------------------------

WALL_KINDS = (ActivityKind.VISIT, ActivityKind.DIGEST_CLICK)


def action_counts(session: Session, since: datetime) -> dict[int, tuple[int, int]]:
    """person id -> (actions by email, actions on the wall) since `since`.

    A visit or a digest click is a step onto the wall even though it is not a post.
    """
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for person_id, source, kind, n in session.execute(
        select(Activity.person_id, Activity.source, Activity.kind, func.count())
        .where(Activity.at >= since)
        .group_by(Activity.person_id, Activity.source, Activity.kind)
    ):
        on_wall = source is ActivitySource.WEB or kind in WALL_KINDS
        counts[person_id][1 if on_wall else 0] += n
    return {p: (c[0], c[1]) for p, c in counts.items()}


def current_stages(session: Session) -> dict[int, AdoptionStage]:
    return dict(session.execute(select(Person.id, Person.adoption_stage)).all())


def change_stage(session: Session, person_id: int, old: AdoptionStage, new: AdoptionStage,
                 at: datetime | None = None) -> None:
    person = session.get(Person, person_id)
    if person is None:
        return
    person.adoption_stage = new
    session.add(StageChange(person_id=person_id, old_stage=old, new_stage=new,
                            at=at or utcnow()))


# --- stats ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsRows:
    posts: list[tuple[datetime, str]]
    people: list[tuple[int, datetime, AdoptionStage]]
    stage_changes: list[tuple[int, datetime, AdoptionStage, AdoptionStage]]
    digests: list[tuple[datetime, int]]
    clicks: list[datetime]


def stats_rows(session: Session, community_id: int | None, since: datetime) -> StatsRows:
    post_q = select(Post.created_at, Post.source).where(Post.created_at >= since)
    people_q = select(Person.id, Person.created_at, Person.adoption_stage)
    click_q = select(Activity.at).where(Activity.kind == ActivityKind.DIGEST_CLICK,
                                        Activity.at >= since)
    if community_id is not None:
        post_q = post_q.where(Post.community_id == community_id)
        members = select(Membership.person_id).where(Membership.community_id == community_id)
        people_q = people_q.where(Person.id.in_(members))
        click_q = click_q.where(Activity.person_id.in_(members))
    else:
        people_q = people_q.where(Person.id.in_(select(Membership.person_id)))
    people = [(i, _aware(c) or c, s) for i, c, s in session.execute(people_q)]
    ids = [p[0] for p in people]
    changes = [
        (p, _aware(a) or a, o, n) for p, a, o, n in session.execute(
            select(StageChange.person_id, StageChange.at, StageChange.old_stage,
                   StageChange.new_stage).order_by(StageChange.at))
        if p in set(ids)
    ] if ids else []
    digest_q = select(DigestSent.created_at, DigestSent.person_id).where(
        DigestSent.outbox_id.is_not(None), DigestSent.created_at >= since)
    if community_id is not None:
        digest_q = digest_q.where(DigestSent.person_id.in_(ids))
    return StatsRows(
        posts=[(_aware(a) or a, s.value if isinstance(s, PostSource) else str(s))
               for a, s in session.execute(post_q)],
        people=people,
        stage_changes=changes,
        digests=[(_aware(a) or a, p) for a, p in session.execute(digest_q)],
        clicks=[_aware(a) or a for a in session.scalars(click_q)],
    )


# --- moderation notices ------------------------------------------------------------------


@dataclass(frozen=True)
class HeldRow:
    raw_id: int
    community_id: int
    community_slug: str
    community_name: str
    reason: str
    blob_sha256: str
    envelope_from: str


def held_messages(session: Session) -> list[HeldRow]:
    from wall_store.models import MessageStatus, RawMessage

    rows = session.execute(
        select(RawMessage.id, Community.id, Community.slug, Community.name, RawMessage.reason,
               RawMessage.blob_sha256, RawMessage.envelope_from)
        .join(Community, Community.id == RawMessage.community_id)
        .where(RawMessage.status == MessageStatus.HELD)
        .order_by(RawMessage.id)
    )
    return [HeldRow(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6]) for r in rows]


def managers_of(session: Session, community_id: int) -> list[Person]:
    from wall_store.models import Role

    return list(session.scalars(
        select(Person).join(Membership, Membership.person_id == Person.id)
        .where(Membership.community_id == community_id, Membership.role == Role.MANAGER)
        .order_by(Person.id)))
