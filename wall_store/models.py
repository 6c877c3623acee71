"""The wall's tables: people, communities, mappings, the raw-message lifecycle, posts, documents.

Enumerations are stored by value (plain strings), so that SQL reads well and
the same schema works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from wall_store.base import Base, created_at, email_address, enum_column, intpk
from wall_store.validation import clean_display_name


class CommunityKind(enum.Enum):
    TEAM = "team"
    PROJECT = "project"
    SUPPORT = "support"
    WATCH = "watch"


class Visibility(enum.Enum):
    PUBLIC = "public"
    PRIVATE = "private"


class NonMemberPolicy(enum.Enum):
    ACCEPT = "accept"
    MODERATE = "moderate"
    REJECT = "reject"


class Role(enum.Enum):
    MANAGER = "manager"
    MEMBER = "member"
    EXTERNAL = "external"


class DigestFrequency(enum.Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


class AdoptionStage(enum.Enum):
    EMAIL_ONLY = "email-only"
    HYBRID = "hybrid"
    WALL = "wall"


class MappingKind(enum.Enum):
    SMTP = "smtp"
    IMAP = "imap"


class MessageSource(enum.Enum):
    SMTP = "smtp"
    LMTP = "lmtp"
    IMAP = "imap"
    IMPORT = "import"


class MessageStatus(enum.Enum):
    """The lifecycle of a raw message (see DESIGN.md): it is never deleted."""

    RECEIVED = "received"
    PROCESSING = "processing"
    DONE = "done"
    HELD = "held"
    REJECTED = "rejected"
    DROPPED = "dropped"
    FAILED = "failed"
    QUARANTINED = "quarantined"


class Decision(enum.Enum):
    """A community manager's (or an operator's) answer about a held message."""

    APPROVE = "approve"
    REJECT = "reject"


class DecisionChannel(enum.Enum):
    """Where the decision was taken; every channel goes through `queue.decide_held`."""

    WEB = "web"
    MAIL = "mail"
    CLI = "cli"


class PostSource(enum.Enum):
    EMAIL = "email"
    WEB = "web"
    IMPORT = "import"


class Person(Base):
    __tablename__ = "people"

    id: Mapped[intpk]
    primary_address: Mapped[email_address] = mapped_column(unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    locale: Mapped[str] = mapped_column(String(8), default="fr")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    # None means "the default from the configuration".
    digest_frequency: Mapped[DigestFrequency | None] = mapped_column(enum_column(DigestFrequency))
    notifications_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    adoption_stage: Mapped[AdoptionStage] = mapped_column(
        enum_column(AdoptionStage), default=AdoptionStage.EMAIL_ONLY
    )
    created_at: Mapped[created_at]

    addresses: Mapped[list[PersonAddress]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonAddress.id"
    )
    memberships: Mapped[list[Membership]] = relationship(back_populates="person")

    @validates("display_name")
    def _clean_display_name(self, _key: str, value: str) -> str:
        # The one funnel of every writer (mail's From:, `user set --name`, /me, imports):
        # a name goes into To: headers, so no CR, LF or other line break is ever saved.
        return clean_display_name(value or "")


class PersonAddress(Base):
    """Every address a person writes from, the primary one included."""

    __tablename__ = "person_addresses"

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    # Stored lower-cased: lookups by address must not depend on how a client spells it.
    address: Mapped[email_address] = mapped_column(unique=True)

    person: Mapped[Person] = relationship(back_populates="addresses")


class Community(Base):
    __tablename__ = "communities"

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CommunityKind] = mapped_column(enum_column(CommunityKind))
    visibility: Mapped[Visibility] = mapped_column(
        enum_column(Visibility), default=Visibility.PUBLIC
    )
    nonmember_policy: Mapped[NonMemberPolicy] = mapped_column(
        enum_column(NonMemberPolicy), default=NonMemberPolicy.MODERATE
    )
    # What happens to mail that claims a member's or external partner's address without
    # passing, aligned authentication (gateway.authentication): accept, moderate, reject.
    unauthenticated_policy: Mapped[NonMemberPolicy] = mapped_column(
        enum_column(NonMemberPolicy), default=NonMemberPolicy.MODERATE,
        server_default=NonMemberPolicy.MODERATE.value,
    )
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[created_at]

    channels: Mapped[list[Channel]] = relationship(
        back_populates="community", order_by="Channel.slug"
    )
    memberships: Mapped[list[Membership]] = relationship(back_populates="community")


class Channel(Base):
    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("community_id", "slug"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[created_at]

    community: Mapped[Community] = relationship(back_populates="channels")


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("community_id", "person_id"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.MEMBER)
    created_at: Mapped[created_at]

    community: Mapped[Community] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(back_populates="memberships")


class Mapping(Base):
    """What feeds a community: an SMTP address, or an IMAP mailbox.

    The IMAP password is never stored: only the name of the environment
    variable or the path of the file that holds it.
    """

    __tablename__ = "mappings"

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id", ondelete="SET NULL"))
    kind: Mapped[MappingKind] = mapped_column(enum_column(MappingKind))
    address: Mapped[str | None] = mapped_column(String(320), unique=True)
    imap_url: Mapped[str | None] = mapped_column(String(1000), unique=True)
    password_env: Mapped[str | None] = mapped_column(String(200))
    password_file: Mapped[str | None] = mapped_column(String(1000))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # After a message is stored: flag it \\Seen (None) or move it to this folder.
    imap_move_to: Mapped[str | None] = mapped_column(String(500))
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]
    created_at: Mapped[created_at]

    community: Mapped[Community] = relationship()
    channel: Mapped[Channel | None] = relationship()


class Blob(Base):
    """Content-addressed bytes (raw messages, documents), written in the same
    transaction as the rows that use them."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[created_at]


class RawMessage(Base):
    """One delivery of one message, as received, before any interpretation."""

    __tablename__ = "raw_messages"
    __table_args__ = (
        Index("ix_raw_messages_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_raw_messages_imap", "mapping_id", "imap_uidvalidity", "imap_uid"),
        Index("ix_raw_messages_community_id_message_id", "community_id", "message_id"),
    )

    id: Mapped[intpk]
    source: Mapped[MessageSource] = mapped_column(enum_column(MessageSource))
    status: Mapped[MessageStatus] = mapped_column(
        enum_column(MessageStatus), default=MessageStatus.RECEIVED
    )
    # A value of the gateway's reason enumeration, with free detail beside it.
    reason: Mapped[str | None] = mapped_column(String(64))
    reason_detail: Mapped[str | None] = mapped_column(Text)
    envelope_from: Mapped[str] = mapped_column(String(320), default="")
    envelope_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    mapping_id: Mapped[int | None] = mapped_column(ForeignKey("mappings.id", ondelete="SET NULL"))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    size: Mapped[int] = mapped_column(Integer)
    message_id: Mapped[str | None] = mapped_column(String(998))
    # IMAP allows values up to 2**32-1, beyond PostgreSQL's 4-byte integer.
    imap_uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    imap_uid: Mapped[int | None] = mapped_column(BigInteger)
    # Where it goes, decided at intake: one row per target community, so that
    # each delivery has a lifecycle of its own (posted in one, held in another).
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="SET NULL"), index=True
    )
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id", ondelete="SET NULL"))
    reply_token: Mapped[str | None] = mapped_column(String(128))
    # The address of the SMTP/LMTP client that handed it in (a trusted relay counts as
    # authenticated); None for IMAP and imports, and for mail stored before 0012.
    peer_ip: Mapped[str | None] = mapped_column(String(64))
    # Mailwall's own verdict when it verified the sender at intake (as the MX): an
    # Authentication-Results value under its authserv-id, read before the message's own.
    authentication_results: Mapped[str | None] = mapped_column(Text)
    # Set when a worker takes it; a claim older than the lease was a crash.
    claimed_at: Mapped[datetime | None]
    # The node (`pipeline.node_name`) holding the claim: restarted, it takes its own back.
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[created_at]
    processed_at: Mapped[datetime | None]
    # What processing produced, for `mailwall queue show` (shown, never read back to steer).
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # A decision about a held message, whoever took it and wherever: the pipeline
    # posts an approved message past the policy that held it, and finishes a
    # rejected one with the notice to its sender.
    decision: Mapped[Decision | None] = mapped_column(enum_column(Decision))
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    # Who, readable even without a person: an address, or the operator's login for the CLI.
    decided_by: Mapped[str | None] = mapped_column(String(320))
    decided_via: Mapped[DecisionChannel | None] = mapped_column(enum_column(DecisionChannel))
    decided_at: Mapped[datetime | None]

    blob: Mapped[Blob] = relationship()


class Thread(Base):
    __tablename__ = "threads"
    __table_args__ = (
        Index("ix_threads_community_id_normalized_subject", "community_id", "normalized_subject"),
        Index("ix_threads_community_id_last_activity_at", "community_id", "last_activity_at"),
    )

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(998), default="")
    normalized_subject: Mapped[str] = mapped_column(String(998), default="")
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[created_at]
    last_activity_at: Mapped[created_at]

    community: Mapped[Community] = relationship()
    channel: Mapped[Channel | None] = relationship()
    posts: Mapped[list[Post]] = relationship(
        back_populates="thread", order_by="(Post.created_at, Post.id)"
    )


class Post(Base):
    __tablename__ = "posts"
    # The same Message-ID posts once per community, whatever path brought it.
    # (thread_id, source) lets the wall count a page's posts by source from the
    # index alone (3.3 -> 0.3 ms on a million posts, benchmarks/web.py).
    __table_args__ = (
        UniqueConstraint("community_id", "message_id"),
        Index("ix_posts_thread_id_source", "thread_id", "source"),
    )

    id: Mapped[intpk]
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    source: Mapped[PostSource] = mapped_column(enum_column(PostSource))
    message_id: Mapped[str] = mapped_column(String(998))
    text: Mapped[str] = mapped_column(Text, default="")
    html_safe: Mapped[str | None] = mapped_column(Text)
    quoted_text: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(Text, default="")
    # The date the author wrote it (the mail's Date), which orders a thread.
    created_at: Mapped[created_at]
    received_at: Mapped[created_at]
    raw_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_messages.id", ondelete="SET NULL"), index=True
    )
    # Set on a post that came out of a forwarded chain: who brought it to the wall.
    forwarded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    thread: Mapped[Thread] = relationship(back_populates="posts")
    author: Mapped[Person] = relationship(foreign_keys=[author_id])
    likes: Mapped[list[Like]] = relationship(back_populates="post")


class AwaitedParent(Base):
    """A Message-ID a post names in In-Reply-To/References that was not on the wall when the
    post was applied (its parent came later, or is still held): when a post with that id
    lands, the waiting post and what hangs from it move into its thread (wall.adopt_replies).

    `rank` orders a post's references, nearest parent highest (In-Reply-To, then References
    from the last); only ids nearer than the one that placed the post are kept.
    """

    __tablename__ = "awaited_parents"
    __table_args__ = (
        UniqueConstraint("post_id", "message_id"),
        Index("ix_awaited_parents_community_id_message_id", "community_id", "message_id"),
    )

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    message_id: Mapped[str] = mapped_column(String(998))
    rank: Mapped[int] = mapped_column(Integer)


class Like(Base):
    __tablename__ = "likes"
    __table_args__ = (UniqueConstraint("post_id", "person_id"),)

    id: Mapped[intpk]
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    source: Mapped[PostSource] = mapped_column(enum_column(PostSource))
    created_at: Mapped[created_at]

    post: Mapped[Post] = relationship(back_populates="likes")


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("post_id", "person_id"),)

    id: Mapped[intpk]
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[created_at]
    notified_at: Mapped[datetime | None]


class Document(Base):
    """A file in a community's library; the same name is a new version."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[created_at]

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", order_by="DocumentVersion.number"
    )


class DocumentVersion(Base):
    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    content_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[created_at]

    document: Mapped[Document] = relationship(back_populates="versions")


class PostAttachment(Base):
    """A file that came with a post (kept with it; the library comes from documents)."""

    __tablename__ = "post_attachments"

    id: Mapped[intpk]
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    blob_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    content_id: Mapped[str | None] = mapped_column(String(998))
    inline: Mapped[bool] = mapped_column(Boolean, default=False)
    # A reason code when the file was kept out of the library (blocked type, too large);
    # its bytes are then not stored.
    blocked_reason: Mapped[str | None] = mapped_column(String(64))
    document_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", ondelete="SET NULL")
    )


class OutboxStatus(enum.Enum):
    """The outbox's lifecycle, the raw-message queue's machine for outgoing mail.

    `queued → sending → sent`; a transient refusal (4xx, no connection) goes to
    `failed` and is claimed again after its backoff; a permanent one (5xx), or the
    last attempt, ends in `undeliverable`. `suppressed`: the recipient bounced past
    the threshold, nothing was sent. `dropped`: an operator took it out of line.
    """

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNDELIVERABLE = "undeliverable"
    SUPPRESSED = "suppressed"
    DROPPED = "dropped"


class OutboxMessage(Base):
    """Mail Mailwall sends, queued in the store and delivered with retries."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(32))
    envelope_from: Mapped[str] = mapped_column(String(320))
    recipient: Mapped[email_address]
    subject: Mapped[str] = mapped_column(String(998), default="")
    message_id: Mapped[str] = mapped_column(String(998))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus), default=OutboxStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    # Set when a sender takes it (`sending`); a claim older than the lease was a crash.
    claimed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # The smarthost's reply code on the last refusal (421, 550...), for `outbox list`.
    last_code: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[created_at]
    sent_at: Mapped[datetime | None]
    # Set just before DATA's final dot: the relay has everything but the dot. A claim that
    # expires with it set was handed over (only the dot's reply is unknown) and is never
    # sent again; without it, the relay dropped the unfinished message and it is resent.
    handed_at: Mapped[datetime | None]


class BounceKind(enum.Enum):
    HARD = "hard"  # permanent failure (5.x.x): the address does not work
    SOFT = "soft"  # transient failure reported as final (4.x.x): mailbox full, host down


class AddressBounces(Base):
    """How much mail to one address came back, and whether Mailwall stopped mailing it.

    A score as Mailman's: a hard bounce adds 1, a soft one 0.5, at most one bounce
    counts per day, and a score left quiet for `bounce_stale_days` starts again at
    zero. At the threshold the address is suppressed until an operator lifts it
    (`mailwall user unsuppress`).
    """

    __tablename__ = "address_bounces"

    id: Mapped[intpk]
    address: Mapped[email_address] = mapped_column(unique=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    hard: Mapped[int] = mapped_column(Integer, default=0)
    soft: Mapped[int] = mapped_column(Integer, default=0)
    last_bounce_at: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(16))
    last_diagnostic: Mapped[str | None] = mapped_column(Text)
    suppressed_at: Mapped[datetime | None]


class BounceEvent(Base):
    """One delivery failure report received for mail Mailwall sent (VERP return path)."""

    __tablename__ = "bounce_events"
    __table_args__ = (Index("ix_bounce_events_address_at", "address", "at"),)

    id: Mapped[intpk]
    address: Mapped[email_address]
    kind: Mapped[BounceKind] = mapped_column(enum_column(BounceKind))
    # Whether it moved the score (at most one bounce counts per address and day).
    counted: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str | None] = mapped_column(String(16))
    diagnostic: Mapped[str | None] = mapped_column(Text)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    raw_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_messages.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[created_at]


class Notice(Base):
    """A notice sent to a sender about a refusal: at most one per address, reason and day."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("address", "reason", "day"),)

    id: Mapped[intpk]
    address: Mapped[email_address]
    reason: Mapped[str] = mapped_column(String(64))
    day: Mapped[str] = mapped_column(String(10))
    raw_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_messages.id", ondelete="SET NULL")
    )
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]


class SourceCheckpoint(Base):
    """How far a source has been read: an IMAP folder (UIDVALIDITY + last UID) or an archive.

    The key names the source, e.g. ``mapping:3`` or ``import:mbox:<sha256 of path>``.
    """

    __tablename__ = "source_checkpoints"

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(1000), unique=True)
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    position: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[created_at]


class ActivityKind(enum.Enum):
    POST = "post"
    REPLY = "reply"
    LIKE = "like"
    VISIT = "visit"
    UPLOAD = "upload"
    DIGEST_CLICK = "digest_click"


class ActivitySource(enum.Enum):
    EMAIL = "email"
    WEB = "web"


class Activity(Base):
    """One thing a person did, by email or on the wall: what adoption stages are computed from."""

    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_person_id_at", "person_id", "at"),
        Index("ix_activities_community_id_at", "community_id", "at"),
    )

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind))
    source: Mapped[ActivitySource] = mapped_column(enum_column(ActivitySource))
    # The post, thread or digest the action was about, when there is one.
    ref: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[created_at]


class StageChange(Base):
    __tablename__ = "stage_changes"

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    old_stage: Mapped[AdoptionStage] = mapped_column(enum_column(AdoptionStage))
    new_stage: Mapped[AdoptionStage] = mapped_column(enum_column(AdoptionStage))
    at: Mapped[created_at]


class Notification(Base):
    """Something a person should hear about (mentioned, answered); batched into one mail."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("person_id", "post_id", "kind"),
        Index("ix_notifications_person_id_sent_at", "person_id", "sent_at"),
    )

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[created_at]
    sent_at: Mapped[datetime | None]
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))


class DigestSent(Base):
    """One digest per person and period, so that a rerun sends nothing twice."""

    __tablename__ = "digests_sent"
    __table_args__ = (UniqueConstraint("person_id", "period"),)

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(32))
    items: Mapped[int] = mapped_column(Integer, default=0)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[created_at]


class SchedulerJob(Base):
    """When a job of the scheduler first ran (the digests' run, by `serve` or `digest run`).

    A period falls due for nobody before the job started: a new install whose scheduler
    first starts on a Saturday sends no weekly catch-up for the week it missed.
    """

    __tablename__ = "scheduler_jobs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_run_at: Mapped[datetime]


class LoginToken(Base):
    """A sign-in link: stored by hash, single use, expiring."""

    __tablename__ = "login_tokens"

    id: Mapped[intpk]
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[created_at]


class RateEvent(Base):
    """Counted events for rate limits that must hold across several `serve` nodes."""

    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_key_at", "key", "at"),)

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[created_at]
