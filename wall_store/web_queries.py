"""What the web wall reads, with who may read it decided here, next to the SQL.

A private community is invisible to non-members: `access` answers None for it
exactly as for a community that does not exist, so no page, feed, search or
download can tell the two apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from wall_store.base import utcnow
from wall_store.models import (
    AdoptionStage,
    Channel,
    Community,
    DocumentVersion,
    Like,
    Membership,
    MessageStatus,
    Person,
    Post,
    PostAttachment,
    PostSource,
    RawMessage,
    Role,
    StageChange,
    Thread,
    Visibility,
)

WRITER_ROLES = (Role.MANAGER, Role.MEMBER, Role.EXTERNAL)


@dataclass(frozen=True)
class Access:
    community: Community
    role: Role | None

    @property
    def can_write(self) -> bool:
        return self.role in WRITER_ROLES and not self.community.archived

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER


def readable_community_ids(person_id: int) -> Select[tuple[int]]:
    """Public communities and those the person belongs to."""
    mine = select(Membership.community_id).where(Membership.person_id == person_id)
    return select(Community.id).where(
        or_(Community.visibility == Visibility.PUBLIC, Community.id.in_(mine))
    )


def access(session: Session, person_id: int, slug: str) -> Access | None:
    row = session.execute(
        select(Community, Membership.role)
        .outerjoin(Membership, (Membership.community_id == Community.id)
                   & (Membership.person_id == person_id))
        .where(Community.slug == slug)
    ).first()
    if row is None:
        return None
    community, role = row
    if community.visibility is Visibility.PRIVATE and role is None:
        return None
    return Access(community, role)


def person(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


@dataclass
class CommunityCard:
    slug: str
    name: str
    kind: str
    private: bool
    role: str | None
    threads_this_week: int
    last_activity_at: datetime | None


def home(session: Session, person_id: int) -> list[CommunityCard]:
    """The person's communities first, then the public ones, with what moved this week."""
    since = utcnow() - timedelta(days=7)
    rows = session.execute(
        select(Community, Membership.role)
        .outerjoin(Membership, (Membership.community_id == Community.id)
                   & (Membership.person_id == person_id))
        .where(Community.id.in_(readable_community_ids(person_id)))
        .order_by(Membership.role.is_(None), Community.name)
    ).all()
    ids = [c.id for c, _ in rows]
    moved = dict(session.execute(
        select(Thread.community_id, func.count(Thread.id))
        .where(Thread.community_id.in_(ids), Thread.last_activity_at >= since)
        .group_by(Thread.community_id)
    ).all()) if ids else {}
    last = dict(session.execute(
        select(Thread.community_id, func.max(Thread.last_activity_at))
        .where(Thread.community_id.in_(ids)).group_by(Thread.community_id)
    ).all()) if ids else {}
    return [
        CommunityCard(c.slug, c.name, c.kind.value, c.visibility is Visibility.PRIVATE,
                      role.value if role else None, moved.get(c.id, 0), last.get(c.id))
        for c, role in rows
    ]


@dataclass
class ThreadCard:
    id: int
    subject: str
    channel: str | None
    last_activity_at: datetime
    posts: int
    sources: list[str]
    started_by: str
    excerpt: str


def channels(session: Session, community_id: int) -> list[Channel]:
    return list(session.scalars(
        select(Channel).where(Channel.community_id == community_id).order_by(Channel.slug)
    ))


def wall(session: Session, community: Community, *, channel: str | None = None,
         limit: int = 30, offset: int = 0) -> list[ThreadCard]:
    """Threads by last activity; the per-thread figures come in two grouped queries."""
    query = (
        select(Thread, Channel.slug)
        .outerjoin(Channel, Channel.id == Thread.channel_id)
        .where(Thread.community_id == community.id)
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(limit).offset(offset)
    )
    if channel:
        query = query.where(Channel.slug == channel)
    threads = session.execute(query).all()
    ids = [t.id for t, _ in threads]
    if not ids:
        return []
    counts: dict[int, int] = defaultdict(int)
    sources: dict[int, set[str]] = defaultdict(set)
    for thread_id, source, count in session.execute(
        select(Post.thread_id, Post.source, func.count(Post.id))
        .where(Post.thread_id.in_(ids)).group_by(Post.thread_id, Post.source)
    ):
        counts[thread_id] += count
        sources[thread_id].add(source.value)
    first_ids = select(func.min(Post.id)).where(Post.thread_id.in_(ids)).group_by(Post.thread_id)
    firsts = {
        post.thread_id: (post, name or address)
        for post, name, address in session.execute(
            select(Post, Person.display_name, Person.primary_address)
            .join(Person, Person.id == Post.author_id)
            .where(Post.id.in_(first_ids))
        )
    }
    cards = []
    for thread, channel_slug in threads:
        post, author = firsts.get(thread.id, (None, ""))
        excerpt = " ".join((post.text if post else "").split())
        cards.append(ThreadCard(
            thread.id, thread.subject, channel_slug, thread.last_activity_at,
            counts[thread.id], sorted(sources[thread.id]), author,
            excerpt[:200] + ("…" if len(excerpt) > 200 else ""),
        ))
    return cards


@dataclass
class PostView:
    post: Post
    author_name: str
    likes: int
    liked_by_me: bool
    likers: list[str]
    attachments: list[PostAttachment] = field(default_factory=list)
    documents: list[tuple[str, int]] = field(default_factory=list)


def thread(session: Session, community: Community, thread_id: int, person_id: int
           ) -> tuple[Thread, list[PostView]] | None:
    row = session.scalar(
        select(Thread).where(Thread.id == thread_id, Thread.community_id == community.id)
        .options(selectinload(Thread.channel))
    )
    if row is None:
        return None
    posts = list(session.scalars(
        select(Post).where(Post.thread_id == row.id).order_by(Post.created_at, Post.id)
        .options(selectinload(Post.author))
    ))
    ids = [p.id for p in posts]
    likers: dict[int, list[tuple[int, str]]] = defaultdict(list)
    attachments: dict[int, list[PostAttachment]] = defaultdict(list)
    documents: dict[int, list[tuple[str, int]]] = defaultdict(list)
    if ids:
        for post_id, liker_id, name, address in session.execute(
            select(Like.post_id, Person.id, Person.display_name, Person.primary_address)
            .join(Person, Person.id == Like.person_id).where(Like.post_id.in_(ids))
            .order_by(Like.id)
        ):
            likers[post_id].append((liker_id, name or address))
        for attachment in session.scalars(
            select(PostAttachment).where(PostAttachment.post_id.in_(ids))
            .order_by(PostAttachment.id)
        ):
            attachments[attachment.post_id].append(attachment)
        for version in session.scalars(
            select(DocumentVersion).where(DocumentVersion.post_id.in_(ids))
            .options(selectinload(DocumentVersion.document))
        ):
            documents[version.post_id or 0].append((version.document.name, version.number))
    views = [
        PostView(
            p, p.author.display_name or p.author.primary_address, len(likers[p.id]),
            any(i == person_id for i, _ in likers[p.id]), [n for _, n in likers[p.id]],
            attachments[p.id], documents[p.id],
        )
        for p in posts
    ]
    return row, views


def attachment(session: Session, community: Community, thread_id: int, attachment_id: int
               ) -> PostAttachment | None:
    return session.scalar(
        select(PostAttachment)
        .join(Post, Post.id == PostAttachment.post_id)
        .where(PostAttachment.id == attachment_id, Post.thread_id == thread_id,
               Post.community_id == community.id, PostAttachment.blob_sha256.is_not(None))
    )


def post_in(session: Session, community: Community, post_id: int) -> Post | None:
    return session.scalar(
        select(Post).where(Post.id == post_id, Post.community_id == community.id)
    )


def thread_in(session: Session, community: Community, thread_id: int) -> Thread | None:
    return session.scalar(
        select(Thread).where(Thread.id == thread_id, Thread.community_id == community.id)
    )


def members(session: Session, community: Community) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Person, Membership.role)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.community_id == community.id)
        .order_by(Membership.role, Person.display_name, Person.primary_address)
    )
    return [
        {"id": p.id, "name": p.display_name or p.primary_address, "email": p.primary_address,
         "role": role.value, "stage": p.adoption_stage.value}
        for p, role in rows
    ]


def recent_posts(session: Session, community: Community, limit: int = 30
                 ) -> list[tuple[Post, Thread, str]]:
    """For the Atom feed: newest posts first."""
    return [
        (post, thread_row, name or address)
        for post, thread_row, name, address in session.execute(
            select(Post, Thread, Person.display_name, Person.primary_address)
            .join(Thread, Thread.id == Post.thread_id)
            .join(Person, Person.id == Post.author_id)
            .where(Post.community_id == community.id)
            .order_by(Post.created_at.desc(), Post.id.desc()).limit(limit)
        )
    ]


def held_messages(session: Session, community: Community) -> list[RawMessage]:
    return list(session.scalars(
        select(RawMessage)
        .where(RawMessage.community_id == community.id,
               RawMessage.status == MessageStatus.HELD)
        .order_by(RawMessage.id)
    ))


def quarantined(session: Session, limit: int = 200) -> list[RawMessage]:
    return list(session.scalars(
        select(RawMessage).where(RawMessage.status == MessageStatus.QUARANTINED)
        .order_by(RawMessage.id.desc()).limit(limit)
    ))


@dataclass
class AdoptionWeek:
    week: str
    posts: dict[str, int]
    stages: dict[str, int]


def adoption(session: Session, community: Community, *, weeks: int = 12,
             now: datetime | None = None) -> list[AdoptionWeek]:
    """Per ISO week: posts by source, and members per adoption stage at the week's end.

    A member's stage at a date is the last stage change before it (email-only
    before any change), so past weeks read the same whenever they are drawn.
    """
    now = now or utcnow()
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0,
                                                           microsecond=0)
    starts = [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    posts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(
        (s.value for s in PostSource), 0))
    for created, source in session.execute(
        select(Post.created_at, Post.source)
        .where(Post.community_id == community.id, Post.created_at >= starts[0])
    ):
        posts[_week(created)][source.value] += 1
    member_ids = [m for (m,) in session.execute(
        select(Membership.person_id).where(Membership.community_id == community.id))]
    changes: dict[int, list[tuple[datetime, AdoptionStage]]] = defaultdict(list)
    if member_ids:
        for person_id, at, stage in session.execute(
            select(StageChange.person_id, StageChange.at, StageChange.new_stage)
            .where(StageChange.person_id.in_(member_ids)).order_by(StageChange.at)
        ):
            changes[person_id].append((at, stage))
        current = dict(session.execute(
            select(Person.id, Person.adoption_stage).where(Person.id.in_(member_ids))).all())
    result = []
    for start in starts:
        end = start + timedelta(weeks=1)
        stages = dict.fromkeys((s.value for s in AdoptionStage), 0)
        for person_id in member_ids:
            history = changes.get(person_id)
            if history:
                before = [s for at, s in history if at < end]
                stage = before[-1] if before else AdoptionStage.EMAIL_ONLY
            else:
                # Without recorded changes the present stage is the best we know.
                stage = current[person_id]
            stages[stage.value] += 1
        key = _week(start)
        result.append(AdoptionWeek(key, dict(posts[key]) if key in posts else
                                   dict.fromkeys((s.value for s in PostSource), 0), stages))
    return result


def _week(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"
