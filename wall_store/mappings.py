"""Mappings: the SMTP addresses and IMAP mailboxes that feed each community."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wall_store.communities import get_channel, get_community
from wall_store.errors import AlreadyExists, InvalidInput, NotFound
from wall_store.models import Mapping, MappingKind
from wall_store.validation import check_env_name, normalize_address, parse_imap_url


def add_address(session: Session, slug: str, address: str, channel: str | None = None) -> Mapping:
    community = get_community(session, slug)
    channel_row = get_channel(session, community, channel) if channel else None
    normalized = normalize_address(address)
    if "+" in normalized.split("@", 1)[0]:
        # `slug+channel@` and `reply+TOKEN@` are derived from mapped addresses;
        # a mapped address with a `+` would make them ambiguous.
        raise InvalidInput(f"{address!r}: a mapped address cannot contain '+'")
    existing = session.scalar(select(Mapping).where(Mapping.address == normalized))
    if existing is not None:
        where = existing.community.slug
        raise AlreadyExists(
            f"{normalized} is already mapped to community {where!r} "
            f"(mapping {existing.id}); an address feeds exactly one community"
        )
    mapping = Mapping(
        community_id=community.id,
        channel_id=channel_row.id if channel_row else None,
        kind=MappingKind.SMTP,
        address=normalized,
    )
    session.add(mapping)
    session.flush()
    return mapping


def add_imap(
    session: Session,
    slug: str,
    url: str,
    *,
    password_env: str | None = None,
    password_file: str | None = None,
    channel: str | None = None,
    move_to: str | None = None,
) -> Mapping:
    community = get_community(session, slug)
    channel_row = get_channel(session, community, channel) if channel else None
    parsed = parse_imap_url(url)
    if bool(password_env) == bool(password_file):
        raise InvalidInput(
            "an IMAP mapping needs exactly one of --password-env VAR or --password-file FILE"
        )
    if password_env:
        check_env_name(password_env)
    if password_file:
        password_file = str(Path(password_file).expanduser().resolve())
    canonical = str(parsed)
    existing = session.scalar(select(Mapping).where(Mapping.imap_url == canonical))
    if existing is not None:
        raise AlreadyExists(
            f"{canonical} is already mapped to community {existing.community.slug!r} "
            f"(mapping {existing.id}); a mailbox feeds exactly one community"
        )
    mapping = Mapping(
        community_id=community.id,
        channel_id=channel_row.id if channel_row else None,
        kind=MappingKind.IMAP,
        imap_url=canonical,
        password_env=password_env,
        password_file=password_file,
        imap_move_to=move_to.strip() if move_to and move_to.strip() else None,
    )
    session.add(mapping)
    session.flush()
    return mapping


def list_mappings(session: Session) -> list[Mapping]:
    return list(session.scalars(select(Mapping).order_by(Mapping.id)))


def get_mapping(session: Session, mapping_id: int) -> Mapping:
    mapping = session.get(Mapping, mapping_id)
    if mapping is None:
        raise NotFound(f"there is no mapping {mapping_id} (see `mailwall map list`)")
    return mapping


def remove_mapping(session: Session, mapping_id: int) -> Mapping:
    mapping = get_mapping(session, mapping_id)
    session.delete(mapping)
    return mapping


def find_address(session: Session, address: str) -> Mapping | None:
    return session.scalar(
        select(Mapping).where(Mapping.address == address.strip().lower(), Mapping.enabled)
    )


def mapping_view(mapping: Mapping) -> dict[str, Any]:
    """What `map list` shows: never a password, only where it comes from."""
    if mapping.password_env:
        secret = f"env:{mapping.password_env}"
    elif mapping.password_file:
        secret = f"file:{mapping.password_file}"
    else:
        secret = None
    return {
        "id": mapping.id,
        "community": mapping.community.slug,
        "channel": mapping.channel.slug if mapping.channel else None,
        "kind": mapping.kind.value,
        "target": mapping.address if mapping.kind is MappingKind.SMTP else mapping.imap_url,
        "password_from": secret,
        "enabled": mapping.enabled,
        "last_success_at": mapping.last_success_at.isoformat() if mapping.last_success_at else None,
        "last_error": mapping.last_error,
        # An error stays recorded after later successes: its date tells which is newer.
        "last_error_at": mapping.last_error_at.isoformat() if mapping.last_error_at else None,
        "move_to": mapping.imap_move_to,
    }
