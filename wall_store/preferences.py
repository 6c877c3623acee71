"""A person's mail preferences: digest frequency, notifications, language, name.

`unsubscribe_by_token` is what the wall's `/unsubscribe/TOKEN` route calls on
POST (RFC 8058 one-click): it lives here because the web imports only
`wall_store`, and the digests sign the tokens it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from wall_store import tokens
from wall_store.errors import InvalidInput, NotFound
from wall_store.models import DigestFrequency, Person
from wall_store.people import find_person
from wall_store.validation import clean_display_name

# What an unsubscribe token turns off.
DIGESTS = "digests"
NOTIFICATIONS = "notifications"
LOCALES = ("fr", "en")


def unsubscribe_token(secret: bytes, person_id: int, what: str = DIGESTS) -> str:
    return tokens.sign(secret, tokens.UNSUBSCRIBE, {"p": person_id, "w": what})


def read_unsubscribe_token(secret: bytes, token: str) -> tuple[int, str] | None:
    payload = tokens.unsign(secret, tokens.UNSUBSCRIBE, token)
    if payload is None:
        return None
    person_id, what = payload.get("p"), payload.get("w", DIGESTS)
    if not isinstance(person_id, int) or what not in (DIGESTS, NOTIFICATIONS):
        return None
    return person_id, what


def unsubscribe_by_token(session: Session, secret: bytes, token: str) -> Person | None:
    """Turns off what the token names (digests, or notifications) for its person.

    Returns the person, or None for a forged or foreign token. Harmless to repeat:
    mail clients may POST the one-click request more than once.
    """
    read = read_unsubscribe_token(secret, token)
    if read is None:
        return None
    person_id, what = read
    person = session.get(Person, person_id)
    if person is None:
        return None
    if what == NOTIFICATIONS:
        person.notifications_enabled = False
    else:
        person.digest_frequency = DigestFrequency.NEVER
    return person


@dataclass(frozen=True)
class Changes:
    digest: str | None = None
    notifications: bool | None = None
    locale: str | None = None
    name: str | None = None
    timezone: str | None = None


def set_preferences(session: Session, address: str, changes: Changes) -> Person:
    person = find_person(session, address)
    if person is None:
        raise NotFound(f"nobody is known by the address {address!r}")
    if changes.digest is not None:
        try:
            person.digest_frequency = DigestFrequency(changes.digest)
        except ValueError:
            raise InvalidInput(
                f"{changes.digest!r} is not a digest frequency: choose daily, weekly or never"
            ) from None
    if changes.notifications is not None:
        person.notifications_enabled = changes.notifications
    if changes.locale is not None:
        if changes.locale not in LOCALES:
            raise InvalidInput(f"{changes.locale!r} is not a language: choose fr or en")
        person.locale = changes.locale
    if changes.name is not None:
        name = clean_display_name(changes.name)
        if not name:
            raise InvalidInput("the name cannot be empty")
        person.display_name = name
    if changes.timezone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(changes.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(f"{changes.timezone!r} is not a time zone, e.g. Europe/Paris"
                               ) from None
        person.timezone = changes.timezone
    return person


def preferences_view(person: Person, default_frequency: str) -> dict[str, object]:
    return {
        "email": person.primary_address,
        "name": person.display_name,
        "digest": person.digest_frequency.value if person.digest_frequency else
        f"{default_frequency} (default)",
        "notifications": "on" if person.notifications_enabled else "off",
        "locale": person.locale,
        "timezone": person.timezone,
        "stage": person.adoption_stage.value,
    }
