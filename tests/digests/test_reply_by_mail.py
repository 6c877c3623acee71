"""A notification answered by email, through a real `mailwall serve` and smtplib.

`serve` runs the digests service, which mails the notification; the answer goes
back to the notification's Reply-To over SMTP and must land in the same thread,
under the person's name, without the quoted notification or the signature.
"""

from __future__ import annotations

import email
import email.policy
import smtplib
import time
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from tests.gateway.conftest import (  # noqa: F401 - fixtures
    ELODIE,
    LUMIERE,
    THOMAS,
    GatewayProcess,
    Serve,
    Site,
    free_port,
    serve,
    site,
)
from wall_store.base import utcnow
from wall_store.blobs import get_blob
from wall_store.models import Like, OutboxMessage


def send(gateway: GatewayProcess, mail: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", gateway.port, timeout=30) as client:
        assert client.send_message(mail) == {}


def written(sender: str, to: str, subject: str, body: str, message_id: str,
            in_reply_to: str | None = None) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(utcnow())
    mail["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
        mail["References"] = in_reply_to
    mail.set_content(body)
    return mail


def wait_for_notification(site: Site, recipient: str,  # noqa: F811
                          gateway: GatewayProcess) -> EmailMessage:
    """Waits for the digests service inside `serve` to queue the notification."""
    deadline = time.monotonic() + 90
    while True:
        with site.sessions() as session:
            row = session.scalar(select(OutboxMessage).where(
                OutboxMessage.kind == "notification", OutboxMessage.recipient == recipient))
            if row is not None:
                raw = get_blob(session, row.blob_sha256)
                assert raw is not None
                parsed = email.message_from_bytes(raw, policy=email.policy.default)
                assert isinstance(parsed, EmailMessage)
                return parsed
        if time.monotonic() > deadline:
            pytest.fail(f"no notification for {recipient}:\n{gateway.log()}")
        time.sleep(0.2)


@pytest.fixture
def answered_thread(site: Site, serve: Serve) -> tuple[GatewayProcess, EmailMessage]:  # noqa: F811
    """Élodie opens a thread by mail, Thomas answers it: Élodie is notified."""
    gateway = serve(site, web_port=free_port())
    send(gateway, written(f"Élodie Martin <{ELODIE}>", LUMIERE, "Réception des luminaires",
                          "Bonjour,\n\nQui peut réceptionner les luminaires mardi à 8 h ?\n\n"
                          "Élodie\n", "reception-1@lumiere-sa.fr"))
    site.wait_until_settled()
    send(gateway, written(f"Thomas Bernard <{THOMAS}>", LUMIERE, "Re: Réception des luminaires",
                          "Je peux le faire, je serai sur place dès 7 h 30.\n\nThomas\n",
                          "reception-2@lumiere-sa.fr", "<reception-1@lumiere-sa.fr>"))
    site.wait_until_settled()
    return gateway, wait_for_notification(site, ELODIE, gateway)


def answer(notification: EmailMessage, body: str, message_id: str) -> EmailMessage:
    """What Thunderbird sends when Élodie clicks Reply: quote below, signature above it."""
    quoted = "\n".join(f"> {line}" for line in
                       str(notification.get_body(("plain",)).get_content()).splitlines())
    text = (f"{body}\n\n-- \nÉlodie Martin\nCheffe de projet Lumière\n06 12 34 56 78\n\n"
            f"Le 16/11/2026 à 09:05, Projet Lumière a écrit :\n{quoted}\n")
    reply_to = notification["Reply-To"].addresses[0].addr_spec
    return written(f"Élodie Martin <{ELODIE}>", reply_to,
                   f"Re: {notification['Subject']}", text, message_id,
                   str(notification["Message-ID"]))


def test_an_answer_to_a_notification_lands_trimmed_in_the_thread_as_its_author(
    site: Site, answered_thread: tuple[GatewayProcess, EmailMessage],  # noqa: F811
) -> None:
    gateway, notification = answered_thread
    assert notification["X-Mailwall-Origin"]
    send(gateway, answer(notification, "Parfait, merci Thomas ! Je préviens l'accueil.",
                         "reception-3@lumiere-sa.fr"))
    site.wait_until_settled()
    posts = site.posts("projet-lumiere")
    assert {p["subject"] for p in posts} == {"Réception des luminaires"}
    reply = next(p for p in posts if p["message_id"] == "reception-3@lumiere-sa.fr")
    assert reply["author"] == ELODIE
    assert reply["text"] == "Parfait, merci Thomas ! Je préviens l'accueil."
    # The notification that went out is not posted back either.
    assert len(posts) == 3


def test_plus_one_to_a_notification_likes_the_post(
    site: Site, answered_thread: tuple[GatewayProcess, EmailMessage],  # noqa: F811
) -> None:
    gateway, notification = answered_thread
    send(gateway, answer(notification, "+1", "reception-plus-one@lumiere-sa.fr"))
    site.wait_until_settled()
    posts = site.posts("projet-lumiere")
    assert len(posts) == 2
    thomas = next(p for p in posts if p["message_id"] == "reception-2@lumiere-sa.fr")
    assert thomas["likes"] == 1
    with site.sessions() as session:
        [like] = session.scalars(select(Like)).all()
        assert like.post_id == thomas["id"]
