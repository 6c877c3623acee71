"""A person's display name is saved on one line, whoever writes it: a mail's From: (the
pipeline's `ensure_person`), a name quoted in a forward, `mailwall user set --name`, the
wall's /me page (the model checks every write). It goes into To: headers."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from wall_store import people
from wall_store.models import Person
from wall_store.preferences import Changes, set_preferences

ELODIE = "elodie.martin@lumiere-sa.fr"
HOSTILE = [
    pytest.param("Élodie\r\nBcc: victim@evil.example", "Élodie Bcc: victim@evil.example",
                 id="crlf"),
    pytest.param("Elodie\nBcc: victim@evil.example", "Elodie Bcc: victim@evil.example",
                 id="bare-lf"),
    pytest.param("Élodie\u2028Bcc: victim@evil.example", "Élodie Bcc: victim@evil.example",
                 id="line-separator"),
    pytest.param("  Élodie\t\x00Martin\x85\u2029", "Élodie Martin", id="controls"),
]


def saved_name(sessions: sessionmaker[Session], address: str) -> str:
    with sessions() as session:
        person = people.find_person(session, address)
        assert person is not None
        return person.display_name


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_name_from_a_mail_is_saved_on_one_line(
    sessions: sessionmaker[Session], hostile: str, cleaned: str
) -> None:
    with sessions() as session, session.begin():
        people.ensure_person(session, ELODIE, hostile)
    assert saved_name(sessions, ELODIE) == cleaned


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_name_given_to_a_known_address_without_one_is_saved_on_one_line(
    sessions: sessionmaker[Session], hostile: str, cleaned: str
) -> None:
    with sessions() as session, session.begin():
        people.ensure_person(session, ELODIE)
    with sessions() as session, session.begin():
        people.ensure_person(session, ELODIE, hostile)
    assert saved_name(sessions, ELODIE) == cleaned


def test_a_name_quoted_without_an_address_is_saved_on_one_line(
    sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        first = people.ensure_person_by_name(session, "Marie\r\nBcc: victim@evil.example")
        assert first.display_name == "Marie Bcc: victim@evil.example"
        # The same name quoted again is the same person.
        again = people.ensure_person_by_name(session, "Marie Bcc: victim@evil.example")
        assert again.id == first.id


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_user_set_name_saves_it_on_one_line(
    sessions: sessionmaker[Session], hostile: str, cleaned: str
) -> None:
    with sessions() as session, session.begin():
        people.ensure_person(session, ELODIE, "Élodie Martin")
    with sessions() as session, session.begin():
        set_preferences(session, ELODIE, Changes(name=hostile))
    assert saved_name(sessions, ELODIE) == cleaned


def test_any_write_of_a_name_through_the_model_is_cleaned(
    sessions: sessionmaker[Session]
) -> None:
    """What the /me page does: it sets the attribute."""
    with sessions() as session, session.begin():
        person = people.ensure_person(session, ELODIE, "Élodie Martin")
        person.display_name = "Élodie\r\nBcc: victim@evil.example" + "x" * 300
    name = saved_name(sessions, ELODIE)
    assert name.startswith("Élodie Bcc: victim@evil.example") and len(name) == 200
    assert isinstance(Person.display_name.type.length, int)
    assert len(name) == Person.display_name.type.length
