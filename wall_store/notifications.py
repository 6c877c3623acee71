"""Notifications: who should hear about a new post, and which of those are due to be mailed.

`note_new_post` is called wherever a post is added (the gateway's apply step,
the web wall's reply form) in the same transaction as the post, so that a
notification exists exactly when its post does. `digests/` turns pending rows
into at most one mail per person per batch window.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.models import (
    Community,
    Membership,
    Mention,
    Notification,
    Person,
    Post,
    Thread,
    Visibility,
)

MENTION = "mention"
REPLY = "reply"


def _insert_ignoring_duplicates(session: Session, rows: list[dict[str, object]]) -> int:
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = session.execute(
        insert(Notification).values(rows).on_conflict_do_nothing(
            index_elements=["person_id", "post_id", "kind"]
        )
    )
    return max(result.rowcount or 0, 0)


def note_new_post(session: Session, post: Post) -> int:
    """Records who should hear about `post`: the people it mentions ("mention"), and the
    thread's starter and the answered post's author ("reply"), never its own author.

    Idempotent (one row per person, post and kind); returns how many rows are new.
    """
    session.flush()
    mentioned = set(session.scalars(select(Mention.person_id).where(Mention.post_id == post.id)))
    answered: set[int] = set()
    thread = session.get(Thread, post.thread_id)
    first_id = session.scalar(
        select(Post.id).where(Post.thread_id == post.thread_id)
        .order_by(Post.created_at, Post.id).limit(1)
    )
    if thread is not None and thread.started_by_id is not None and first_id != post.id:
        answered.add(thread.started_by_id)
    if post.parent_id is not None:
        parent_author = session.scalar(select(Post.author_id).where(Post.id == post.parent_id))
        if parent_author is not None:
            answered.add(parent_author)
    answered -= mentioned  # a mention already says more than "someone answered"
    recipients = (mentioned | answered) - {post.author_id}
    community = session.get(Community, post.community_id)
    if community is not None and community.visibility is Visibility.PRIVATE and recipients:
        # A private community's posts only ever reach its members.
        recipients &= set(session.scalars(
            select(Membership.person_id).where(Membership.community_id == community.id,
                                               Membership.person_id.in_(recipients))))
    now = utcnow()
    rows: list[dict[str, object]] = [
        {"person_id": pid, "post_id": post.id, "kind": MENTION if pid in mentioned else REPLY,
         "created_at": now}
        for pid in sorted(recipients)
    ]
    return _insert_ignoring_duplicates(session, rows)


def people_due(session: Session, *, now: datetime, batch: timedelta) -> list[int]:
    """People with unsent notifications whose last notification mail is older than `batch`."""
    last_sent = (
        select(Notification.person_id, func.max(Notification.sent_at).label("last"))
        .where(Notification.outbox_id.is_not(None))
        .group_by(Notification.person_id)
        .subquery()
    )
    rows = session.execute(
        select(Notification.person_id, last_sent.c.last)
        .outerjoin(last_sent, last_sent.c.person_id == Notification.person_id)
        .where(Notification.sent_at.is_(None))
        .distinct()
        .order_by(Notification.person_id)
    ).all()
    due: list[int] = []
    for person_id, last in rows:
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        if last is None or now - last >= batch:
            due.append(person_id)
    return due


def pending(session: Session, person_id: int) -> list[Notification]:
    return list(session.scalars(
        select(Notification)
        .where(Notification.person_id == person_id, Notification.sent_at.is_(None))
        .order_by(Notification.id)
    ))


def claim(session: Session, ids: Sequence[int], *, at: datetime) -> bool:
    """Marks pending notifications as handled, all or none: False when another `serve`
    node took some first (the caller then rolls back and leaves them to it)."""
    if not ids:
        return True
    result = session.execute(
        update(Notification)
        .where(Notification.id.in_(list(ids)), Notification.sent_at.is_(None))
        .values(sent_at=at))
    return result.rowcount == len(ids)


def set_outbox(session: Session, ids: Sequence[int], outbox_id: int) -> None:
    session.execute(update(Notification).where(Notification.id.in_(list(ids)))
                    .values(outbox_id=outbox_id))


def person(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)
