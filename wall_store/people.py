"""People, their addresses, and their memberships in communities."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from wall_store.base import utcnow
from wall_store.communities import _choice, get_community
from wall_store.errors import NotFound
from wall_store.models import Membership, Person, PersonAddress, Role
from wall_store.validation import clean_display_name, normalize_address


def find_person(session: Session, address: str) -> Person | None:
    return session.scalar(
        select(Person)
        .join(PersonAddress, PersonAddress.person_id == Person.id)
        .where(PersonAddress.address == address.strip().lower())
    )


def ensure_person(
    session: Session, address: str, name: str = "", *, known: Person | None = None
) -> Person:
    """The person who writes from `address`, created if new (known by address only).

    `known`: what `find_person(session, address)` already returned in this
    transaction; reused (one query fewer) when normalising changes nothing.
    """
    normalized = normalize_address(address)
    name = clean_display_name(name)
    if known is not None and normalized == address.strip().lower():
        person: Person | None = known
    else:
        person = find_person(session, normalized)
    if person is None:
        person = _create_person(session, normalized, name)
    elif name and not person.display_name:
        person.display_name = name
    return person


def _create_person(session: Session, address: str, name: str) -> Person:
    """Insert-or-ignore, then read back: two workers meeting the same new sender at once
    both end with the one row, instead of one failing on the unique address. (A core
    insert passes by the model's name check: the name is cleaned here too.)"""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" \
        else sqlite.insert
    session.execute(
        insert(Person)
        .values(primary_address=address, display_name=clean_display_name(name),
                created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["primary_address"])
    )
    person = session.scalars(
        select(Person).where(Person.primary_address == address)
        .execution_options(populate_existing=True)
    ).one()
    session.execute(
        insert(PersonAddress)
        .values(person_id=person.id, address=address)
        .on_conflict_do_nothing(index_elements=["address"])
    )
    return person


def add_member(
    session: Session, slug: str, address: str, *, name: str = "", role: str = "member"
) -> tuple[Membership, bool]:
    """Adds or updates a membership; returns it and whether it is new."""
    member_role = _choice(Role, role, "role")
    community = get_community(session, slug)
    person = ensure_person(session, address, name)
    membership = session.scalar(
        select(Membership).where(
            Membership.community_id == community.id, Membership.person_id == person.id
        )
    )
    if membership is not None:
        membership.role = member_role
        return membership, False
    membership = Membership(community_id=community.id, person_id=person.id, role=member_role)
    session.add(membership)
    session.flush()
    return membership, True


def remove_member(session: Session, slug: str, address: str) -> None:
    community = get_community(session, slug)
    person = find_person(session, normalize_address(address))
    membership = None
    if person is not None:
        membership = session.scalar(
            select(Membership).where(
                Membership.community_id == community.id, Membership.person_id == person.id
            )
        )
    if membership is None:
        raise NotFound(f"{address} is not a member of {slug!r}")
    session.delete(membership)


def list_members(session: Session, slug: str) -> list[dict[str, Any]]:
    community = get_community(session, slug)
    rows = session.execute(
        select(Person, Membership)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.community_id == community.id)
        .order_by(Person.primary_address)
    )
    return [
        {
            "email": person.primary_address,
            "name": person.display_name,
            "role": membership.role.value,
            "stage": person.adoption_stage.value,
            "since": membership.created_at.isoformat(),
        }
        for person, membership in rows
    ]


def membership_of(session: Session, community_id: int, person_id: int) -> Membership | None:
    return session.scalar(
        select(Membership).where(
            Membership.community_id == community_id, Membership.person_id == person_id
        )
    )


def members_of(session: Session, community_id: int) -> list[Person]:
    return list(session.scalars(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.community_id == community_id)
    ))


def find_by_name(session: Session, display_name: str) -> Person | None:
    """A person known by this exact display name, when exactly one is."""
    rows = session.scalars(
        select(Person).where(Person.display_name == clean_display_name(display_name))
        .limit(2)
    ).all()
    return rows[0] if len(rows) == 1 else None


def ensure_person_by_name(session: Session, display_name: str) -> Person:
    """Someone quoted only by name (Exchange forward headers often give no address).

    Matched to the one person of that name, else recorded under a placeholder
    address in the reserved `.invalid` domain, which no mail can ever reach.
    """
    display_name = clean_display_name(display_name)
    known = find_by_name(session, display_name)
    if known is not None:
        return known
    slug = re.sub(r"[^a-z0-9]+", ".", display_name.casefold()).strip(".")[:40] or "inconnu"
    digest = hashlib.sha256(display_name.encode()).hexdigest()[:8]
    address = f"{slug}.{digest}@names.mailwall.invalid"
    person = find_person(session, address)
    if person is None:
        person = Person(primary_address=address, display_name=display_name)
        person.addresses.append(PersonAddress(address=address))
        session.add(person)
        session.flush()
    return person
