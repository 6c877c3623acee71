"""Communities and their channels."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wall_store.errors import AlreadyExists, InvalidInput, NotFound
from wall_store.models import (
    Channel,
    Community,
    CommunityKind,
    Mapping,
    Membership,
    NonMemberPolicy,
    Post,
    Thread,
    Visibility,
)
from wall_store.validation import check_slug


def _choice(enum_cls: type, value: str, what: str) -> Any:
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise InvalidInput(f"{value!r} is not a {what}: choose one of {allowed}") from None


def get_community(session: Session, slug: str) -> Community:
    community = session.scalar(select(Community).where(Community.slug == slug))
    if community is None:
        raise NotFound(f"there is no community {slug!r} (see `mailwall community list`)")
    return community


def create_community(
    session: Session,
    slug: str,
    *,
    name: str,
    kind: str,
    private: bool = False,
    policy: str = "moderate",
    unauthenticated: str = "moderate",
) -> Community:
    check_slug(slug, "community slug")
    community_kind = _choice(CommunityKind, kind, "community kind")
    nonmember_policy = _choice(NonMemberPolicy, policy, "non-member policy")
    unauthenticated_policy = _choice(NonMemberPolicy, unauthenticated, "unauthenticated policy")
    if not name.strip():
        raise InvalidInput("a community needs a name (--name)")
    if session.scalar(select(Community.id).where(Community.slug == slug)) is not None:
        raise AlreadyExists(f"a community {slug!r} exists already")
    community = Community(
        slug=slug,
        name=name.strip(),
        kind=community_kind,
        visibility=Visibility.PRIVATE if private else Visibility.PUBLIC,
        nonmember_policy=nonmember_policy,
        unauthenticated_policy=unauthenticated_policy,
    )
    session.add(community)
    session.flush()
    return community


def list_communities(session: Session, *, include_archived: bool = True) -> list[Community]:
    query = select(Community).order_by(Community.slug)
    if not include_archived:
        query = query.where(Community.archived.is_(False))
    return list(session.scalars(query))


def archive_community(session: Session, slug: str) -> tuple[Community, bool]:
    """Archives; returns the community and whether anything changed."""
    community = get_community(session, slug)
    changed = not community.archived
    community.archived = True
    return community, changed


def set_policies(
    session: Session, slug: str, *, policy: str | None = None,
    unauthenticated: str | None = None,
) -> Community:
    """Changes what happens to mail from non-members and to unauthenticated mail."""
    community = get_community(session, slug)
    if policy is not None:
        community.nonmember_policy = _choice(NonMemberPolicy, policy, "non-member policy")
    if unauthenticated is not None:
        community.unauthenticated_policy = _choice(NonMemberPolicy, unauthenticated,
                                                   "unauthenticated policy")
    return community


def add_channel(session: Session, slug: str, channel: str, name: str | None = None) -> Channel:
    community = get_community(session, slug)
    check_slug(channel, "channel name")
    existing = session.scalar(
        select(Channel).where(Channel.community_id == community.id, Channel.slug == channel)
    )
    if existing is not None:
        raise AlreadyExists(f"community {slug!r} has a channel {channel!r} already")
    row = Channel(community_id=community.id, slug=channel, name=name or channel)
    session.add(row)
    session.flush()
    return row


def get_channel(session: Session, community: Community, channel: str) -> Channel:
    row = session.scalar(
        select(Channel).where(Channel.community_id == community.id, Channel.slug == channel)
    )
    if row is None:
        raise NotFound(
            f"community {community.slug!r} has no channel {channel!r} "
            f"(add it with `mailwall channel add {community.slug} {channel}`)"
        )
    return row


def community_summary(session: Session, community: Community) -> dict[str, Any]:
    def count(query: Any) -> int:
        return int(session.scalar(query) or 0)

    return {
        "slug": community.slug,
        "name": community.name,
        "kind": community.kind.value,
        "visibility": community.visibility.value,
        "policy": community.nonmember_policy.value,
        "unauthenticated": community.unauthenticated_policy.value,
        "archived": community.archived,
        "channels": [c.slug for c in community.channels],
        "members": count(
            select(func.count(Membership.id)).where(Membership.community_id == community.id)
        ),
        "addresses": [
            m.address
            for m in session.scalars(
                select(Mapping)
                .where(Mapping.community_id == community.id, Mapping.address.is_not(None))
                .order_by(Mapping.id)
            )
        ],
        "threads": count(select(func.count(Thread.id)).where(Thread.community_id == community.id)),
        "posts": count(select(func.count(Post.id)).where(Post.community_id == community.id)),
        "created_at": community.created_at.isoformat(),
    }
