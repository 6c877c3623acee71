"""A name or subject holding a line break never starts a header of its own, in any mail
Mailwall sends: digest, notification, moderation notice, sign-in link, notice to a sender.

The names here were saved before names were cleaned on saving (written with a plain SQL
update, past the model), or reach us encoded in a stranger's From: and Subject:. Each
mail is parsed back: it has no Bcc:, no header value holds a line break, and the name
reads back as one line."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

import pytest
from sqlalchemy import update

from digests.moderation import send_moderation_notices
from digests.notifications import send_notifications
from digests.run import run_digests
from tests.digests.conftest import (
    ATLAS,
    DOMAIN,
    ELODIE,
    NOW,
    OUTSIDER,
    SETTINGS,
    World,
    deliver,
)
from wall_store import people
from wall_store.config import build
from wall_store.models import Person
from web.routes.signin import compose_sign_in

# (as saved or sent, as it must read back): CRLF, a bare LF, Unicode separators.
HOSTILE = [
    pytest.param("Élodie\r\nBcc: victim@evil.example", "Élodie Bcc: victim@evil.example",
                 id="crlf"),
    pytest.param("Elodie\nBcc: victim@evil.example", "Elodie Bcc: victim@evil.example",
                 id="bare-lf"),
    pytest.param("Élodie\u2028Bcc: victim@evil.example", "Élodie Bcc: victim@evil.example",
                 id="line-separator"),
    pytest.param("Elodie\u2029\x85Bcc: victim@evil.example", "Elodie Bcc: victim@evil.example",
                 id="paragraph-separator-and-nel"),
]
LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def save_raw_name(world: World, address: str, name: str) -> None:
    """As a name saved before this check existed: a core update passes by the model."""
    with world.sessions() as session, session.begin():
        person = people.find_person(session, address)
        assert person is not None
        session.execute(update(Person).where(Person.id == person.id).values(display_name=name))


def parse_safe(raw: bytes) -> EmailMessage:
    """The mail parsed back, after checking that nothing was injected into its headers."""
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    assert not re.search(rb"(?im)^bcc[ \t]*:", head), head.decode("utf-8", "replace")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert "Bcc" not in message
    for name, value in message.items():
        assert not LINE_BREAKS.search(str(value)), (name, str(value))
    return message


def addressed_to(message: EmailMessage) -> tuple[str, str]:
    [to] = message["To"].addresses
    return to.display_name, to.addr_spec


def mail_to(world: World, address: str, kind: str) -> EmailMessage:
    rows = [r for r in world.outbox(kind) if r.recipient == address]
    assert len(rows) == 1, [r.subject for r in rows]
    from wall_store.blobs import get_blob

    with world.sessions() as session:
        raw = get_blob(session, rows[0].blob_sha256)
    assert raw is not None
    return parse_safe(raw)


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_digest_to_a_hostile_name_carries_it_on_one_line(
    world: World, hostile: str, cleaned: str
) -> None:
    save_raw_name(world, ELODIE, hostile)
    run_digests(world.sessions, SETTINGS, now=NOW)
    assert addressed_to(mail_to(world, ELODIE, "digest")) == (cleaned, ELODIE)


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_notification_to_a_hostile_name_carries_it_on_one_line(
    world: World, hostile: str, cleaned: str
) -> None:
    save_raw_name(world, ELODIE, hostile)
    send_notifications(world.sessions, SETTINGS, now=NOW)
    assert addressed_to(mail_to(world, ELODIE, "notification")) == (cleaned, ELODIE)


def hostile_held_mail(world: World, hostile: str) -> int:
    """A stranger's mail whose From: name and Subject: hide line breaks in encoded words."""
    encoded = hostile.encode("utf-8").hex("=").upper()
    raw = (f"From: =?utf-8?q?={encoded}?= <{OUTSIDER}>\r\n"
           f"To: {ATLAS}\r\n"
           f"Subject: =?utf-8?q?Devis_hall_B={encoded}?=\r\n"
           "Message-ID: <devis-hall-b-hostile@fournisseur-exemple.fr>\r\n"
           "Date: Mon, 16 Nov 2026 07:30:00 +0100\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "\r\n"
           "Bonjour,\r\n\r\nVeuillez trouver notre devis pour les luminaires du hall B.\r\n"
           "\r\nJean Dupont\r\n").encode("ascii")
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    raw_id, reason = deliver(world, msg, OUTSIDER)  # type: ignore[arg-type]
    assert reason == "non_member_held", reason
    return raw_id


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_moderation_notice_to_a_hostile_name_about_a_hostile_mail_stays_on_one_line(
    world: World, hostile: str, cleaned: str
) -> None:
    save_raw_name(world, ELODIE, hostile)
    hostile_held_mail(world, hostile)
    send_moderation_notices(world.sessions, SETTINGS, now=NOW)
    mail = mail_to(world, ELODIE, "moderation")
    assert addressed_to(mail) == (cleaned, ELODIE)
    assert str(mail["Subject"]).endswith(f": Devis hall B{cleaned}")


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_notice_to_a_sender_with_a_hostile_from_name_stays_on_one_line(
    world: World, hostile: str, cleaned: str
) -> None:
    hostile_held_mail(world, hostile)
    notice = mail_to(world, OUTSIDER, "notice")
    assert addressed_to(notice) == (cleaned, OUTSIDER)
    assert str(notice["Subject"]).endswith(f": Devis hall B{cleaned}")


@pytest.mark.parametrize("hostile, cleaned", HOSTILE)
def test_a_sign_in_link_to_a_hostile_name_carries_it_on_one_line(
    world: World, hostile: str, cleaned: str
) -> None:
    save_raw_name(world, ELODIE, hostile)
    config = build({"database": {"url": "sqlite://"}, "smtp": {"domain": DOMAIN}}, {}, None)
    message = compose_sign_in(config, world.person(ELODIE),
                              "https://mur.lumiere-sa.fr/login/jeton-de-test")
    assert addressed_to(parse_safe(bytes(message))) == (cleaned, ELODIE)
