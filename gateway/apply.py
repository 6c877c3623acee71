"""Apply: what an accepted message writes — posts, forwarded originals, documents, mentions.

Runs inside the pipeline's one transaction; every write here is undone with
it if anything fails, and every step is idempotent (Message-IDs are unique
per community, identical document bytes are not a new version).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from gateway.attachments import AttachmentRules, kept_out, stays_in_post
from gateway.mentions import Candidate, fold, match_mentions
from parsers import Attachment, ForwardedMessage, ParsedMail
from parsers.likes import is_plus_one
from wall_store import activity, documents, notifications, wall
from wall_store.models import (
    ActivityKind,
    ActivitySource,
    Channel,
    Community,
    Person,
    Post,
    PostSource,
    RawMessage,
    Thread,
)
from wall_store.people import ensure_person, ensure_person_by_name, members_of
from wall_store.reasons import Reason


@dataclass
class Applied:
    reason: Reason
    post_id: int | None = None
    thread_id: int | None = None
    forwarded_posts: list[int] = field(default_factory=list)
    already_there: int = 0
    documents: list[str] = field(default_factory=list)
    kept_out: list[dict[str, str]] = field(default_factory=list)
    mentions: int = 0
    # Forwarded originals over the bound of one message: not posted, their files kept.
    originals_not_posted: int = 0
    originals_as_documents: list[str] = field(default_factory=list)

    def outcome(self, community: Community) -> dict[str, Any]:
        data: dict[str, Any] = {"community": community.slug, "post_id": self.post_id,
                                "thread_id": self.thread_id}
        if self.forwarded_posts or self.already_there:
            data["forwarded_posts"] = self.forwarded_posts
            data["already_there"] = self.already_there
        if self.documents:
            data["documents"] = self.documents
        if self.kept_out:
            data["kept_out"] = self.kept_out
        if self.mentions:
            data["mentions"] = self.mentions
        if self.originals_not_posted:
            data["originals_not_posted"] = self.originals_not_posted
            data["originals_as_documents"] = self.originals_as_documents
        return data


def forwarded_message_id(original: ForwardedMessage, author: Person, at: datetime) -> str:
    """A stable id for an original quoted inline (which lost its Message-ID): forwarding
    the same chain again finds the same ids and posts nothing twice."""
    if original.message_id:
        return original.message_id
    key = "\n".join([author.primary_address, at.isoformat(timespec="minutes"),
                     fold(original.text)])
    return f"fwd-{hashlib.sha256(key.encode()).hexdigest()[:32]}@mailwall.invalid"


class Applier:
    def __init__(self, session: Session, row: RawMessage, parsed: ParsedMail,
                 community: Community, rules: AttachmentRules, *,
                 max_originals: int = 50) -> None:
        self.session = session
        self.row = row
        self.parsed = parsed
        self.community = community
        self.rules = rules
        # What one message may create is bounded: the first originals become posts (each
        # perhaps by a new person); the files of the others are kept as documents.
        self.originals = parsed.forwarded[:max(max_originals, 0)]
        self.over_bound = parsed.forwarded[len(self.originals):]
        self.source = PostSource.IMPORT if row.source.value == "import" else PostSource.EMAIL

    def apply(self, author: Person, thread: Thread | None, parent: Post | None,
              approved: bool, *, awaited: Sequence[tuple[str, int]] = ()) -> Applied:
        """`awaited`: Message-IDs the mail names that are not on the wall yet, with their
        rank (gateway.pipeline.Route); the post moves to their thread when one lands."""
        parsed = self.parsed
        existing = wall.post_by_message_id(self.session, self.community.id, parsed.message_id)
        if existing is not None:
            return Applied(Reason.DUPLICATE, existing.id, existing.thread_id)
        if parsed.is_plus_one and parent is not None:
            # Sourced like the mail: an imported "+1" is history, kept out of digests.
            if wall.add_like(self.session, parent, author, self.source):
                self._count(author, ActivityKind.LIKE, parent.id)
            return Applied(Reason.LIKED, parent.id, parent.thread_id)

        result = Applied(Reason.APPROVED if approved else Reason.POSTED)
        created = parsed.date or self.row.received_at
        extra_files = self._files_over_bound(result)
        if thread is None and self.originals:
            thread = self._thread_of_known_original(author, created)
        if thread is None:
            channel = self.session.get(Channel, self.row.channel_id) if self.row.channel_id \
                else None
            thread = wall.start_thread(
                self.session, self.community, subject=parsed.subject or "(sans objet)",
                normalized_subject=parsed.normalized_subject, started_by=author,
                channel=channel, at=created,
            )
        result.thread_id = thread.id

        for original in self.originals:
            self._post_original(thread, original, author, created, result)

        text = parsed.new_text.strip() or ("" if parsed.forwarded else parsed.body_text.strip())
        if text or parsed.attachments or extra_files or not parsed.forwarded:
            post = wall.add_post(
                self.session, thread, author=author, source=self.source,
                message_id=parsed.message_id, text=text, created_at=created,
                html_safe=None if parsed.forwarded else parsed.body_html_safe,
                quoted_text=parsed.quoted_text, signature=parsed.signature, parent=parent,
                raw_message_id=self.row.id,
            )
            result.post_id = post.id
            wall.await_parents(self.session, post, awaited)
            self._file_attachments(post, author, (*parsed.attachments, *extra_files), result)
            result.mentions = self._mention(post, parsed.mentions)
            # Imported history is old news: only live mail notifies people.
            if self.source is PostSource.EMAIL:
                notifications.note_new_post(self.session, post)
            # Asked of the database: `thread.posts` would load every post of a long thread.
            kind = ActivityKind.REPLY if wall.has_other_posts(self.session, thread.id, post.id) \
                else ActivityKind.POST
            self._count(author, kind, post.id)
        elif not result.forwarded_posts:
            result.reason = Reason.DUPLICATE
        # Replies applied before this message (or a forwarded original) join it now.
        for landed in [*result.forwarded_posts, *([result.post_id] if result.post_id else [])]:
            landed_post = self.session.get(Post, landed)
            if landed_post is None:
                continue
            for adopted in wall.adopt_replies(self.session, landed_post):
                if adopted.parent_id == landed_post.id and is_plus_one(adopted.text):
                    wall.like_instead_of_post(self.session, adopted, landed_post)
        return result

    def _count(self, person: Person, kind: ActivityKind, ref: int) -> None:
        # Imported history says nothing about how people work today.
        if self.source is PostSource.EMAIL:
            activity.record(self.session, person.id, kind, ActivitySource.EMAIL,
                            community_id=self.community.id, ref=ref)

    # --- forwarded chains ---------------------------------------------------------

    def _author_of(self, original: ForwardedMessage, forwarder: Person) -> Person:
        sender = original.sender
        if sender is not None and sender.address:
            try:
                return ensure_person(self.session, sender.address, sender.name)
            except Exception:  # noqa: BLE001 - an unusable quoted address falls back to the name
                pass
        if sender is not None and sender.name:
            return ensure_person_by_name(self.session, sender.name)
        return forwarder

    def _files_over_bound(self, result: Applied) -> tuple[Attachment, ...]:
        """The attached files the originals over the bound came from, each once."""
        result.originals_not_posted = len(self.over_bound)
        files: dict[str, Attachment] = {}
        for original in self.over_bound:
            if original.file is not None:
                files.setdefault(original.file.sha256, original.file)
        result.originals_as_documents = [f.filename for f in files.values()]
        return tuple(files.values())

    def _thread_of_known_original(self, forwarder: Person, fallback: datetime) -> Thread | None:
        """Forwarding a chain again, or a longer version of it, continues its thread."""
        for original in self.originals:
            author = self._author_of(original, forwarder)
            at = original.date or fallback
            known = wall.post_by_message_id(
                self.session, self.community.id, forwarded_message_id(original, author, at)
            ) or wall.same_post(self.session, self.community.id, author.id, at, original.text)
            if known is not None:
                return known.thread
        return None

    def _post_original(self, thread: Thread, original: ForwardedMessage, forwarder: Person,
                       fallback: datetime, result: Applied) -> None:
        author = self._author_of(original, forwarder)
        at = original.date or fallback
        message_id = forwarded_message_id(original, author, at)
        if (wall.post_by_message_id(self.session, self.community.id, message_id)
                or wall.same_post(self.session, self.community.id, author.id, at,
                                  original.text)):
            result.already_there += 1
            return
        post = wall.add_post(
            self.session, thread, author=author, source=self.source, message_id=message_id,
            text=original.text.strip(), created_at=at, raw_message_id=self.row.id,
        )
        post.forwarded_by_id = forwarder.id
        result.forwarded_posts.append(post.id)
        self._file_attachments(post, author, original.attachments, result)

    # --- documents and mentions ---------------------------------------------------

    def _file_attachments(self, post: Post, author: Person,
                          attachments: tuple[Attachment, ...], result: Applied) -> None:
        for attachment in attachments:
            reason = kept_out(attachment, self.rules)
            if reason is not None:
                wall.add_attachment(
                    self.session, post, filename=attachment.filename,
                    content_type=attachment.content_type, data=None,
                    content_id=attachment.content_id, inline=attachment.inline,
                    blocked_reason=reason.code, size=attachment.size,
                )
                result.kept_out.append({"file": attachment.filename, "reason": reason.code})
                continue
            version_id = None
            inline = stays_in_post(attachment, self.parsed.body_html_safe)
            if not inline:
                version, new = documents.file_version(
                    self.session, self.community.id, attachment.filename, attachment.data,
                    content_type=attachment.sniffed_type or attachment.content_type,
                    uploaded_by=author, post_id=post.id,
                )
                version_id = version.id
                if new:
                    result.documents.append(f"{attachment.filename} v{version.number}")
            wall.add_attachment(
                self.session, post, filename=attachment.filename,
                content_type=attachment.content_type, data=attachment.data,
                content_id=attachment.content_id, inline=inline,
                document_version_id=version_id,
            )

    def _mention(self, post: Post, mentions: tuple[str, ...]) -> int:
        if not mentions:
            return 0
        members = [Candidate(p.id, p.display_name, p.primary_address)
                   for p in members_of(self.session, self.community.id)]
        found = match_mentions(mentions, members) - {post.author_id}
        return wall.add_mentions(self.session, post, found)
