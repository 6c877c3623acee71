"""What a sending program sees: Python's smtplib against a real `mailwall serve`."""

from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest

from tests.gateway.conftest import (
    ELODIE,
    ENTRAIDE,
    LUMIERE,
    OUTSIDER,
    THOMAS,
    GatewayProcess,
    Serve,
    Site,
    statuses,
)
from wall_store.blobs import get_blob
from wall_store.reasons import Reason

PARIS = ZoneInfo("Europe/Paris")


def message(
    *, sender: str, to: list[str], subject: str, body: str, message_id: str
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = ", ".join(to)
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime(2025, 3, 12, 9, 30, tzinfo=PARIS))
    mail["Message-ID"] = f"<{message_id}>"
    mail.set_content(body)
    return mail


def client(gateway: GatewayProcess) -> smtplib.SMTP:
    return smtplib.SMTP("127.0.0.1", gateway.port, local_hostname="mx1.lumiere-sa.fr", timeout=30)


def test_a_message_sent_with_smtplib_becomes_a_post(site: Site, serve: Serve) -> None:
    gateway = serve(site)
    mail = message(
        sender=f"Thomas Bernard <{THOMAS}>", to=[LUMIERE], subject="Livraison des luminaires",
        message_id="livraison-0312@lumiere-sa.fr",
        body="Bonjour,\n\nLes luminaires du hall arrivent mardi matin ; "
             "prévoir deux personnes pour la réception.\n\nThomas\n",
    )
    with client(gateway) as smtp:
        refused = smtp.send_message(mail)
    assert refused == {}
    site.wait_until_settled()
    [post] = site.posts("projet-lumiere")
    assert post["message_id"] == "livraison-0312@lumiere-sa.fr"
    assert post["author"] == THOMAS
    assert "prévoir deux personnes pour la réception" in post["text"]


def test_a_message_to_two_communities_gives_one_post_in_each(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    mail = message(
        sender=f"Thomas Bernard <{THOMAS}>", to=[LUMIERE, ENTRAIDE],
        subject="Nouveaux badges d'accès", message_id="badges@lumiere-sa.fr",
        body="Bonjour,\n\nLes nouveaux badges sont à retirer à l'accueil dès lundi.\n",
    )
    with client(gateway) as smtp:
        smtp.send_message(mail)
    sqlite_site.wait_until_settled()
    for slug in ("projet-lumiere", "entraide-it"):
        [post] = sqlite_site.posts(slug)
        assert post["message_id"] == "badges@lumiere-sa.fr"
    # One delivery row per community, both over the same stored bytes.
    rows = sqlite_site.raw_messages()
    assert [(r.status.value, r.reason) for r in rows] == [("done", "posted")] * 2
    assert rows[0].blob_sha256 == rows[1].blob_sha256


def test_the_same_message_sent_twice_gives_one_post(sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site)
    mail = message(
        sender=f"Élodie Martin <{ELODIE}>", to=[LUMIERE], subject="Ordre du jour du comité",
        message_id="odj-comite@lumiere-sa.fr",
        body="Bonjour,\n\n1. Budget\n2. Planning de la recette\n3. Questions diverses\n",
    )
    with client(gateway) as smtp:
        smtp.send_message(mail)
    sqlite_site.wait_until_settled()
    # A relay that lost our 250 sends it again.
    with client(gateway) as smtp:
        smtp.send_message(mail)
    sqlite_site.wait_until_settled()
    assert len(sqlite_site.posts("projet-lumiere")) == 1
    assert statuses(sqlite_site) == [("done", "posted"), ("done", "duplicate")]


def test_a_non_member_writing_to_a_moderated_community_is_accepted_then_held(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    mail = message(
        sender=f"Jean Dupont <{OUTSIDER}>", to=[LUMIERE], subject="Proposition commerciale",
        message_id="offre-2025-17@fournisseur-exemple.fr",
        body="Madame, Monsieur,\n\nVeuillez trouver notre offre pour l'éclairage LED.\n",
    )
    with client(gateway) as smtp:
        code, _ = smtp.noop()
        assert code == 250
        assert smtp.send_message(mail) == {}
    sqlite_site.wait_until_settled()
    assert sqlite_site.posts("projet-lumiere") == []
    assert statuses(sqlite_site) == [("held", "non_member_held")]


def test_an_unknown_recipient_among_others_is_refused_alone(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    unknown = "projet-ombre@mailwall.localhost"
    mail = message(
        sender=f"Thomas Bernard <{THOMAS}>", to=[LUMIERE, unknown, ENTRAIDE],
        subject="Réunion d'équipe déplacée", message_id="reunion-deplacee@lumiere-sa.fr",
        body="Bonjour,\n\nLa réunion d'équipe passe de jeudi à vendredi 14 h.\n",
    )
    with client(gateway) as smtp:
        refused = smtp.send_message(mail)
    assert set(refused) == {unknown}
    code, text = refused[unknown]
    assert code == 550
    assert text.startswith(b"5.1.1")
    sqlite_site.wait_until_settled()
    assert len(sqlite_site.posts("projet-lumiere")) == 1
    assert len(sqlite_site.posts("entraide-it")) == 1
    [envelope_to] = {tuple(r.envelope_to) for r in sqlite_site.raw_messages()}
    assert unknown not in envelope_to


def test_only_unknown_recipients_raise_recipients_refused(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    mail = message(
        sender=f"Thomas Bernard <{THOMAS}>", to=["compta@mailwall.localhost"],
        subject="Note de frais", message_id="ndf@lumiere-sa.fr", body="Ci-joint ma note.\n",
    )
    with client(gateway) as smtp:
        try:
            smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as refused:
            assert set(refused.recipients) == {"compta@mailwall.localhost"}
        else:
            raise AssertionError("a message with no known recipient was accepted")
    assert sqlite_site.raw_messages() == []


def test_body_8bitmime_keeps_the_utf8_text(sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site)
    mail = message(
        sender=f"Élodie Martin <{ELODIE}>", to=[LUMIERE], subject="Fête de fin d'été",
        message_id="fete@lumiere-sa.fr",
        body="Chères et chers collègues,\n\nRendez-vous à 18 h sur la terrasse : "
             "crêpes, cidre et œuvres des enfants exposées.\n",
    )
    mail.set_content(mail.get_content(), cte="8bit")
    raw = mail.as_bytes()
    assert "crêpes".encode() in raw
    with client(gateway) as smtp:
        smtp.ehlo()
        assert smtp.has_extn("8bitmime")
        smtp.sendmail(ELODIE, [LUMIERE], raw, mail_options=["BODY=8BITMIME"])
    sqlite_site.wait_until_settled()
    [post] = sqlite_site.posts("projet-lumiere")
    assert "crêpes, cidre et œuvres des enfants exposées" in post["text"]


def test_smtputf8_carries_an_internationalised_sender(sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site)
    sender = "éloïse@café-lumière.fr"
    mail = message(
        sender=f"Éloïse <{sender}>", to=[ENTRAIDE], subject="Écran qui clignote",
        message_id="ecran@cafe-lumiere.fr",
        body="Bonjour,\n\nMon deuxième écran clignote depuis la mise à jour.\n",
    )
    with client(gateway) as smtp:
        smtp.ehlo()
        assert smtp.has_extn("smtputf8")
        # smtplib adds SMTPUTF8 to MAIL FROM by itself for a non-ASCII address.
        smtp.send_message(mail)
    sqlite_site.wait_until_settled()
    [post] = sqlite_site.posts("entraide-it")
    assert post["author"] == sender
    [row] = sqlite_site.raw_messages()
    assert row.envelope_from == sender
    with sqlite_site.sessions() as session:
        assert sender.encode() in (get_blob(session, row.blob_sha256) or b"")


def _hostile_header_mail(header: bytes) -> bytes:
    return (
        f"From: Thomas Bernard <{THOMAS}>\r\nTo: {LUMIERE}\r\n"
        "Subject: Planning de la recette\r\n".encode()
        + header + b"\r\nBonjour, le planning est en ligne.\r\n"
    )


def _param_lines(count: int, width: int) -> bytes:
    """A Content-Type whose parameter list is folded over `count` lines of `width` bytes."""
    lines = [b"Content-Type: text/plain; charset=utf-8;"]
    for i in range(count):
        lines.append((b" x-%06d=" % i).ljust(width - 1, b"v") + b";")
    return b"\r\n".join(lines) + b"\r\n"


@pytest.mark.parametrize(
    "header", [_param_lines(160, 950), _param_lines(1500, 20)], ids=["150-kb", "1500-lines"]
)
def test_a_header_over_the_limits_is_refused_at_data_and_the_next_mail_accepted(
    sqlite_site: Site, serve: Serve, header: bytes
) -> None:
    gateway = serve(sqlite_site)
    normal = message(
        sender=f"Thomas Bernard <{THOMAS}>", to=[LUMIERE], subject="Planning de la recette",
        message_id="planning-recette@lumiere-sa.fr",
        body="Bonjour,\n\nLe planning de la recette est en ligne.\n",
    )
    with client(gateway) as smtp:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.sendmail(THOMAS, [LUMIERE], _hostile_header_mail(header))
        assert (refused.value.smtp_code, refused.value.smtp_error.decode()) == (
            552, Reason.HEADER_TOO_LARGE.smtp.removeprefix("552 "))
        assert smtp.send_message(normal) == {}
    sqlite_site.wait_until_settled()
    assert statuses(sqlite_site) == [("done", "posted")]
    [post] = sqlite_site.posts("projet-lumiere")
    assert post["message_id"] == "planning-recette@lumiere-sa.fr"


def test_a_header_just_under_the_limits_is_accepted(sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site)
    with client(gateway) as smtp:
        assert smtp.sendmail(THOMAS, [LUMIERE], _hostile_header_mail(_param_lines(990, 95))) == {}
    sqlite_site.wait_until_settled()
    assert len(sqlite_site.raw_messages()) == 1


def test_lines_starting_with_a_dot_keep_their_dot(sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site)
    mail = message(
        sender=f"Thomas Bernard <{THOMAS}>", to=[LUMIERE], subject="Fichiers de config",
        message_id="config@lumiere-sa.fr",
        body="Bonjour,\n\n.htaccess et .env sont à jour.\n..\n.\nThomas\n",
    )
    with client(gateway) as smtp:
        smtp.send_message(mail)
    sqlite_site.wait_until_settled()
    [raw] = sqlite_site.raw_messages()
    with sqlite_site.sessions() as session:
        stored = get_blob(session, raw.blob_sha256) or b""
    assert b"\r\n.htaccess et .env sont \xc3\xa0 jour.\r\n..\r\n.\r\nThomas\r\n" in stored
