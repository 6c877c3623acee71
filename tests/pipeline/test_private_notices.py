"""A notice about a private community names it to its members only: an outsider who writes
to it learns that the message was not posted, not what the community is called."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from sqlalchemy.orm import Session, sessionmaker

from gateway.pipeline import Pipeline
from tests.pipeline.conftest import Gateway, mail, make_settings, populate
from wall_store import communities, mappings, people
from wall_store.blobs import get_blob
from wall_store.models import OutboxMessage
from wall_store.reasons import Reason

SECRET_NAME = "Projet Fusion Orion"


def private_gateway(sessions: sessionmaker[Session], locale: str) -> Gateway:
    with sessions() as session, session.begin():
        populate(session)
        communities.create_community(session, "orion", name=SECRET_NAME, kind="project",
                                     private=True, policy="reject")
        mappings.add_address(session, "orion", "orion@corp.example")
        people.add_member(session, "orion", "elodie.martin@corp.example", name="Élodie Martin",
                          role="manager")
    return Gateway(sessions, Pipeline(sessions, make_settings(notice_locale=locale)))


def notice_text(gateway: Gateway, row: OutboxMessage) -> str:
    with gateway.sessions() as session:
        raw = get_blob(session, row.blob_sha256)
    assert raw is not None
    message = message_from_bytes(raw, policy=policy.default)
    headers = "\n".join(f"{k}: {v}" for k, v in message.items())
    return headers + "\n" + message.get_content()


@pytest.mark.parametrize(("locale", "wording"), [
    ("fr", "envoyé à une communauté privée n'a pas été publié"),
    ("en", "to a private community was not posted"),
])
def test_notice_to_an_outsider_does_not_name_a_private_community(
    sessions: sessionmaker[Session], locale: str, wording: str,
) -> None:
    gateway = private_gateway(sessions, locale)
    gateway.deliver(mail(sender="Paul Roux <paul.roux@fournisseur.example>",
                         to="orion@corp.example", subject="Proposition commerciale"),
                    "orion@corp.example")
    [result] = gateway.run()
    assert result.reason is Reason.NON_MEMBER_REJECTED
    [notice] = gateway.outbox()
    assert notice.recipient == "paul.roux@fournisseur.example"
    text = notice_text(gateway, notice)
    assert wording in text
    for secret in (SECRET_NAME, "Orion", "orion"):
        assert secret not in text


@pytest.mark.parametrize(("locale", "wording"), [
    ("fr", f"envoyé à la communauté {SECRET_NAME} n'a pas été publié"),
    ("en", f"to the community {SECRET_NAME} was not posted"),
])
def test_notice_to_a_member_names_the_private_community(
    sessions: sessionmaker[Session], locale: str, wording: str,
) -> None:
    gateway = private_gateway(sessions, locale)
    with sessions() as session, session.begin():
        person = people.find_person(session, "elodie.martin@corp.example")
        assert person is not None
        person.locale = locale
    gateway.deliver(mail(to="orion@corp.example", subject="Point d'étape", body="\n"),
                    "orion@corp.example")
    [result] = gateway.run()
    assert result.reason is Reason.EMPTY_MESSAGE
    [notice] = gateway.outbox()
    text = notice_text(gateway, notice)
    assert wording in text
    assert f"Mailwall — {SECRET_NAME}" in text
