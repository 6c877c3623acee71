"""Threads and posts: writing them and reading a community's wall."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, select, text, update
from sqlalchemy.orm import Session, selectinload

from wall_store.base import utcnow
from wall_store.blobs import put_blob
from wall_store.communities import get_community
from wall_store.models import (
    AwaitedParent,
    Channel,
    Community,
    DocumentVersion,
    Like,
    Mention,
    Person,
    Post,
    PostAttachment,
    PostSource,
    Thread,
)


def start_thread(
    session: Session,
    community: Community,
    *,
    subject: str,
    normalized_subject: str,
    started_by: Person | None,
    channel: Channel | None = None,
    at: datetime | None = None,
) -> Thread:
    at = at or utcnow()
    thread = Thread(
        community_id=community.id,
        channel_id=channel.id if channel else None,
        subject=subject,
        normalized_subject=normalized_subject,
        started_by_id=started_by.id if started_by else None,
        created_at=at,
        last_activity_at=at,
    )
    session.add(thread)
    session.flush()
    return thread


def add_post(
    session: Session,
    thread: Thread,
    *,
    author: Person,
    source: PostSource,
    message_id: str,
    text: str,
    created_at: datetime | None = None,
    html_safe: str | None = None,
    quoted_text: str = "",
    signature: str = "",
    parent: Post | None = None,
    raw_message_id: int | None = None,
) -> Post:
    created = created_at or utcnow()
    post = Post(
        thread_id=thread.id,
        community_id=thread.community_id,
        author_id=author.id,
        parent_id=parent.id if parent else None,
        source=source,
        message_id=message_id,
        text=text,
        html_safe=html_safe,
        quoted_text=quoted_text,
        signature=signature,
        created_at=created,
        received_at=utcnow(),
        raw_message_id=raw_message_id,
    )
    session.add(post)
    if created > thread.last_activity_at:
        thread.last_activity_at = created
    session.flush()
    return post


def post_by_message_id(session: Session, community_id: int, message_id: str) -> Post | None:
    return session.scalar(
        select(Post).where(Post.community_id == community_id, Post.message_id == message_id)
    )


def wall_view(session: Session, slug: str, *, limit: int = 50) -> dict[str, Any]:
    """The shape `mailwall wall SLUG --json` prints: threads by last activity, posts in order."""
    community = get_community(session, slug)
    threads = session.scalars(
        select(Thread)
        .where(Thread.community_id == community.id)
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(limit)
        .options(
            selectinload(Thread.posts).selectinload(Post.author),
            selectinload(Thread.channel),
        )
    ).all()
    post_ids = [p.id for t in threads for p in t.posts]
    likes: dict[int, int] = {}
    documents: dict[int, list[str]] = {}
    if post_ids:
        likes = dict(
            session.execute(
                select(Like.post_id, func.count(Like.id))
                .where(Like.post_id.in_(post_ids))
                .group_by(Like.post_id)
            ).all()
        )
        for version in session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.post_id.in_(post_ids))
            .options(selectinload(DocumentVersion.document))
        ):
            documents.setdefault(version.post_id or 0, []).append(
                f"{version.document.name} (v{version.number})"
            )
    return {
        "community": community.slug,
        "threads": [
            {
                "id": t.id,
                "subject": t.subject,
                "channel": t.channel.slug if t.channel else None,
                "posts": [
                    {
                        "id": p.id,
                        "author": p.author.primary_address,
                        "author_name": p.author.display_name,
                        "message_id": p.message_id,
                        "source": p.source.value,
                        "created_at": p.created_at.isoformat(),
                        "text": p.text,
                        "likes": likes.get(p.id, 0),
                        "documents": documents.get(p.id, []),
                    }
                    for p in t.posts
                ],
            }
            for t in threads
        ],
    }


def thread_by_message_ids(
    session: Session, community_id: int, message_ids: list[str]
) -> tuple[Thread, Post] | None:
    """The thread and post one of these Message-IDs belongs to, newest reference first."""
    wanted = [m for m in dict.fromkeys(message_ids) if m]
    if not wanted:
        return None
    # One query for every reference (long References headers are common in replies).
    found = {
        post.message_id: post
        for post in session.scalars(
            select(Post).where(Post.community_id == community_id, Post.message_id.in_(wanted))
        )
    }
    for message_id in reversed(message_ids):
        post = found.get(message_id)
        if post is not None:
            return post.thread, post
    return None


def has_other_posts(session: Session, thread_id: int, post_id: int) -> bool:
    """Whether the thread holds a post besides this one (without loading the thread's posts)."""
    return session.scalar(
        select(Post.id).where(Post.thread_id == thread_id, Post.id != post_id).limit(1)
    ) is not None


def thread_by_subject(
    session: Session, community_id: int, normalized_subject: str, since: datetime,
    *, started_by: datetime | None = None,
) -> Thread | None:
    if not normalized_subject:
        return None
    query = select(Thread).where(
        Thread.community_id == community_id,
        Thread.normalized_subject == normalized_subject,
        Thread.last_activity_at >= since,
    )
    if started_by is not None:
        query = query.where(Thread.created_at <= started_by)
    return session.scalar(query.order_by(Thread.last_activity_at.desc()).limit(1))


def add_attachment(
    session: Session, post: Post, *, filename: str, content_type: str, data: bytes | None,
    content_id: str | None, inline: bool, blocked_reason: str | None = None,
    size: int | None = None, document_version_id: int | None = None,
) -> PostAttachment:
    """Files kept out of the library (`blocked_reason`) are recorded without their bytes."""
    row = PostAttachment(
        post_id=post.id, filename=filename, content_type=content_type,
        size=len(data) if data is not None else (size or 0),
        blob_sha256=put_blob(session, data) if data is not None else None,
        content_id=content_id, inline=inline, blocked_reason=blocked_reason,
        document_version_id=document_version_id,
    )
    session.add(row)
    return row


def add_like(session: Session, post: Post, person: Person, source: PostSource) -> bool:
    """Likes a post once per person; returns whether it was new."""
    exists = session.scalar(
        select(Like.id).where(Like.post_id == post.id, Like.person_id == person.id)
    )
    if exists is not None:
        return False
    session.add(Like(post_id=post.id, person_id=person.id, source=source))
    session.flush()
    return True


def add_mentions(session: Session, post: Post, person_ids: set[int]) -> int:
    for person_id in sorted(person_ids):
        session.add(Mention(post_id=post.id, person_id=person_id))
    session.flush()
    return len(person_ids)


def same_post(
    session: Session, community_id: int, author_id: int, at: datetime, text: str,
    *, slack: timedelta = timedelta(minutes=2),
) -> Post | None:
    """A post by this author around this time with this text (forwarded copies lose
    their Message-ID and quote dates to the minute)."""
    wanted = " ".join(text.split())
    for post in session.scalars(
        select(Post).where(
            Post.community_id == community_id,
            Post.author_id == author_id,
            Post.created_at >= at - slack,
            Post.created_at <= at + slack,
        )
    ):
        if " ".join(post.text.split()) == wanted:
            return post
    return None


# --- threading whatever the order ---------------------------------------------------


def lock_for_threading(session: Session, community_id: int, keys: Iterable[str]) -> None:
    """Serialises the messages that could thread with one another, until the transaction ends.

    `keys` are the Message-IDs a message carries and names, and its subject: a reply and
    its parent share one, so whichever commits second sees the first (the reply finds the
    parent's post, or the parent finds the reply waiting for it). PostgreSQL: transaction
    advisory locks, taken in one global order so two messages never wait on each other.
    SQLite has one writer at a time: taking the write lock now, before the reads that route
    the message, keeps another commit from slipping between those reads and our writes.
    """
    if session.get_bind().dialect.name == "postgresql":
        numbers = sorted({_lock_number(community_id, key) for key in keys if key})
        if numbers:
            # One round trip, locks taken in ascending order.
            session.execute(
                text("SELECT count(pg_advisory_xact_lock(n)) FROM "
                     "(SELECT unnest(CAST(:numbers AS bigint[])) AS n ORDER BY 1) AS wanted"),
                {"numbers": numbers},
            )
    else:
        session.execute(
            update(Community).where(Community.id == community_id)
            .values(archived=Community.archived)
            .execution_options(synchronize_session=False)
        )


def _lock_number(community_id: int, key: str) -> int:
    digest = hashlib.sha256(f"{community_id}\0{key}".encode("utf-8", "surrogateescape"))
    return int.from_bytes(digest.digest()[:8], "big", signed=True)


def still_there(session: Session, thread_id: int, parent_id: int | None) -> bool:
    """Whether a message routed to this thread (and parent) may go there now: locks the
    thread row against `adopt_replies` moving posts out of it (PostgreSQL; SQLite has one
    writer at a time), then checks that neither the thread nor the parent moved meanwhile.
    False: route again, the move is now committed and visible."""
    held = session.scalar(select(Thread.id).where(Thread.id == thread_id).with_for_update(
        read=True))
    if held is None:
        return False
    if parent_id is None:
        return True
    return session.scalar(select(Post.thread_id).where(Post.id == parent_id)) == thread_id


def await_parents(session: Session, post: Post, awaited: Sequence[tuple[str, int]]) -> None:
    """Records the Message-IDs `post` names that are not on the wall yet (rank: nearest
    parent highest), for `adopt_replies` when one of them lands."""
    for message_id, rank in awaited:
        session.add(AwaitedParent(community_id=post.community_id, post_id=post.id,
                                  message_id=message_id, rank=rank))
    if awaited:
        session.flush()


def adopt_replies(session: Session, post: Post) -> list[Post]:
    """Posts that were waiting for `post` (they name its Message-ID) move into its thread,
    with what hangs from them; returns the posts that waited for it.

    A waiting post that started its thread brings the whole thread (its replies, and what
    joined it by subject); one that had joined another thread by subject brings itself and
    its replies. The emptied thread is deleted. Part of the transaction that adds `post`.
    """
    waiting = session.execute(
        select(AwaitedParent, Post)
        .join(Post, Post.id == AwaitedParent.post_id)
        .where(AwaitedParent.community_id == post.community_id,
               AwaitedParent.message_id == post.message_id,
               AwaitedParent.post_id != post.id)
        .order_by(AwaitedParent.post_id)
    ).all()
    for awaited, reply in waiting:
        if reply.thread_id != post.thread_id:
            _move_into(session, reply, post.thread)
        reply.parent_id = post.id
        # Placed by this id now: only nearer ones may still move it.
        session.execute(delete(AwaitedParent).where(AwaitedParent.post_id == reply.id,
                                                    AwaitedParent.rank <= awaited.rank))
    if waiting:
        session.flush()
    return [reply for _, reply in waiting]


def like_instead_of_post(session: Session, post: Post, liked: Post) -> bool:
    """A like-only reply ("+1") that was posted because what it likes had not arrived
    becomes what it would have been had they come in order: a like, and no post.
    Left as a post when something hangs from it or it carries files. True if turned."""
    has_below = session.scalar(select(Post.id).where(Post.parent_id == post.id).limit(1))
    has_files = session.scalar(
        select(PostAttachment.id).where(PostAttachment.post_id == post.id).limit(1))
    if has_below is not None or has_files is not None:
        return False
    author = session.get(Person, post.author_id)
    if author is None:
        return False
    add_like(session, liked, author, post.source)
    thread_id = post.thread_id
    session.delete(post)
    session.flush()
    if session.scalar(select(Post.id).where(Post.thread_id == thread_id).limit(1)) is None:
        session.execute(delete(Thread).where(Thread.id == thread_id))
    return True


def _move_into(session: Session, reply: Post, thread: Thread) -> None:
    source_id = reply.thread_id
    # PostgreSQL: no one adds a post to the thread we are emptying until we commit (adding a
    # post locks the thread row too), and posts added before we got here are seen below.
    source = session.scalar(
        select(Thread).where(Thread.id == source_id).with_for_update().execution_options(
            populate_existing=True)
    )
    if source is None:
        return
    posts = list(session.scalars(
        select(Post).where(Post.thread_id == source_id).order_by(Post.id)
    ))
    first = posts[0] if posts else None
    # The reply's own thread: it opened it (its author, at its date; being the oldest post
    # is not enough once the thread was merged into a root's and the post before it
    # became a like and went), or its mail did (a forwarded chain).
    opened_it = first is not None and first.id == reply.id \
        and source.started_by_id == reply.author_id and source.created_at == reply.created_at
    started_it = opened_it or (
        reply.forwarded_by_id is not None and first is not None
        and first.raw_message_id is not None and first.raw_message_id == reply.raw_message_id)
    if started_it:
        moving = posts
    else:
        below: dict[int | None, list[Post]] = {}
        for candidate in posts:
            below.setdefault(candidate.parent_id, []).append(candidate)
        moving, stack = [], [reply]
        while stack:
            current = stack.pop()
            moving.append(current)
            stack.extend(below.get(current.id, []))
    for moved in moving:
        moved.thread = thread
        if moved.created_at > thread.last_activity_at:
            thread.last_activity_at = moved.created_at
    session.flush()
    if len(moving) == len(posts):
        session.execute(
            delete(Thread).where(Thread.id == source_id,
                                 ~exists().where(Post.thread_id == source_id))
            .execution_options(synchronize_session=False)
        )
        session.expunge(source)
