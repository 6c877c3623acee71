"""What people do on the wall: post, reply, like, upload. Each records a web activity,
which is what moves a person's adoption stage."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wall_store import activity, documents, notifications
from wall_store import wall as wall_mod
from wall_store.models import (
    ActivityKind,
    ActivitySource,
    Channel,
    Community,
    DocumentVersion,
    Like,
    Person,
    Post,
    PostSource,
    Thread,
)


def _message_id(domain: str) -> str:
    # Web posts have no mail Message-ID; a generated one keeps (community, Message-ID)
    # unique and lets email replies to a notification thread onto the post.
    return f"web-{uuid.uuid4().hex}@{domain}"


def _notify(session: Session, post: Post) -> None:
    """Mentioned people and the thread's starter hear of a web post as of a mailed one."""
    notifications.note_new_post(session, post)


def new_thread(session: Session, community: Community, author: Person, *, subject: str,
               text: str, channel: Channel | None, domain: str) -> Post:
    thread = wall_mod.start_thread(
        session, community, subject=subject,
        normalized_subject=" ".join(subject.casefold().split()), started_by=author,
        channel=channel,
    )
    post = wall_mod.add_post(session, thread, author=author, source=PostSource.WEB,
                             message_id=_message_id(domain), text=text)
    activity.record(session, author.id, ActivityKind.POST, ActivitySource.WEB,
                    community_id=community.id, ref=post.id)
    _notify(session, post)
    return post


def reply(session: Session, thread: Thread, author: Person, *, text: str, domain: str) -> Post:
    parent = session.scalar(
        select(Post).where(Post.thread_id == thread.id)
        .order_by(Post.created_at.desc(), Post.id.desc()).limit(1)
    )
    post = wall_mod.add_post(session, thread, author=author, source=PostSource.WEB,
                             message_id=_message_id(domain), text=text, parent=parent)
    activity.record(session, author.id, ActivityKind.REPLY, ActivitySource.WEB,
                    community_id=thread.community_id, ref=post.id)
    _notify(session, post)
    return post


def set_like(session: Session, post: Post, person: Person, liked: bool) -> bool:
    """Likes or unlikes; returns whether anything changed. Only a new like is an activity."""
    if liked:
        changed = wall_mod.add_like(session, post, person, PostSource.WEB)
        if changed:
            activity.record(session, person.id, ActivityKind.LIKE, ActivitySource.WEB,
                            community_id=post.community_id, ref=post.id)
        return changed
    return bool(session.execute(
        delete(Like).where(Like.post_id == post.id, Like.person_id == person.id)
    ).rowcount)


def upload(session: Session, community: Community, person: Person, *, name: str, data: bytes,
           content_type: str) -> tuple[DocumentVersion, bool]:
    version, new = documents.file_version(
        session, community.id, name, data, content_type=content_type, uploaded_by=person,
        post_id=None,
    )
    if new:
        activity.record(session, person.id, ActivityKind.UPLOAD, ActivitySource.WEB,
                        community_id=community.id, ref=version.id)
    return version, new


def record_visit(session: Session, person_id: int, community_id: int, thread_id: int) -> None:
    activity.record(session, person_id, ActivityKind.VISIT, ActivitySource.WEB,
                    community_id=community_id, ref=thread_id)


def record_click(session: Session, person_id: int, community_id: int | None,
                 thread_id: int | None) -> None:
    """A followed digest link: counted in stats as a digest followed, and as a wall action."""
    activity.record(session, person_id, ActivityKind.DIGEST_CLICK, ActivitySource.WEB,
                    community_id=community_id, ref=thread_id)
