"""Notification mail: someone mentioned you, or answered your thread — answerable by email.

At most one mail per person per batch window (`notifications.batch_seconds`):
everything pending goes out together. The mail's Reply-To is a signed reply
address for the newest post, so that a plain "Reply" lands in that thread under
the person's name; each item also carries its own address.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from digests import compose, i18n, render, views
from digests.settings import MailSettings
from wall_store import digest_queries, links, outbox, tokens
from wall_store import notifications as store
from wall_store.base import utcnow
from wall_store.models import Community, Notification, Person, Post, Thread
from wall_store.preferences import NOTIFICATIONS, unsubscribe_token

CONTEXT_POSTS = 2


def _item(session: Session, note: Notification, person: Person, settings: MailSettings,
          tz: Any) -> dict[str, Any] | None:
    post = session.get(Post, note.post_id)
    if post is None:
        return None
    thread = session.get(Thread, post.thread_id)
    community = session.get(Community, post.community_id)
    author = session.get(Person, post.author_id)
    if thread is None or community is None or author is None:
        return None
    earlier = list(session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.id != post.id,
                           Post.created_at <= post.created_at)
        .order_by(Post.created_at.desc(), Post.id.desc()).limit(CONTEXT_POSTS)))
    context = []
    for other in reversed(earlier):
        other_author = session.get(Person, other.author_id)
        context.append({"author": (other_author.display_name or other_author.primary_address)
                        if other_author else "?",
                        "when": views.when(other.created_at, tz),
                        "excerpt": views.excerpt(other.text)})
    reply = tokens.reply_address(settings.secret, settings.domain, post.id, person.id)
    return {
        "kind": note.kind,
        "post_id": post.id,
        "message_id": post.message_id,
        "thread_id": thread.id,
        "community": community.name,
        "community_slug": community.slug,
        "subject": thread.subject,
        "author": author.display_name or author.primary_address,
        "when": views.when(post.created_at, tz),
        "text": views.full_text(post.text),
        "context": context,
        "url": links.thread_url(settings.base_url, community.slug, thread.id, post.id),
        "reply_address": reply,
        "reply_mailto": views.mailto(reply, thread.subject),
    }


def compose_for(session: Session, person: Person, notes: list[Notification],
                settings: MailSettings) -> compose.Composed | None:
    tz = views.zone(person.timezone)
    items = [i for n in notes if (i := _item(session, n, person, settings, tz)) is not None]
    if not items:
        return None
    lang = i18n.language(person.locale, settings.default_locale)
    newest = items[-1]
    context = {
        "lang": lang,
        "items": items,
        "community_name": newest["community"],
        "unsubscribe_url": links.unsubscribe_url(
            settings.base_url, unsubscribe_token(settings.secret, person.id, NOTIFICATIONS)),
    }
    rendered = render.render("notification", lang, context)
    return compose.compose(compose.Outgoing(
        kind="notification",
        sender_name=newest["community"],
        from_address=settings.from_address,
        to_address=person.primary_address,
        to_name=person.display_name,
        rendered=rendered,
        list_id=compose.list_id(newest["community"], newest["community_slug"], settings.domain),
        unsubscribe_url=context["unsubscribe_url"],
        reply_to=newest["reply_address"],
        # The thread's own Message-IDs, so clients file this under the thread.
        in_reply_to=newest["message_id"],
        references=digest_queries.thread_message_ids(session, newest["thread_id"]),
        origin=f"posts={','.join(str(i['post_id']) for i in items)}",
    ), settings.domain)


def send_notifications(sessions: sessionmaker[Session], settings: MailSettings,
                       *, now: datetime | None = None) -> int:
    """Queues one mail per person whose batch window has passed; returns how many."""
    now = now or utcnow()
    with sessions() as session:
        due = store.people_due(session, now=now, batch=settings.batch)
    queued = 0
    for person_id in due:
        # One transaction per person: the outbox row and the `sent_at` marks go together.
        with sessions() as session, session.begin():
            person = session.get(Person, person_id)
            notes = store.pending(session, person_id)
            if person is None or not notes:
                continue
            ids = [n.id for n in notes]
            if not store.claim(session, ids, at=now):
                session.rollback()
                continue
            # Switched off, or the posts are gone: the rows stay handled, with no mail.
            if not person.notifications_enabled or person.primary_address.endswith(".invalid"):
                continue
            message = compose_for(session, person, notes, settings)
            if message is None:
                continue
            row = outbox.queue_mail(
                session, kind="notification", envelope_from=settings.from_address,
                recipient=person.primary_address, subject=str(message["Subject"]),
                message_id=compose.message_id_of(message), raw=message.as_bytes())
            store.set_outbox(session, ids, row.id)
            queued += 1
    return queued
