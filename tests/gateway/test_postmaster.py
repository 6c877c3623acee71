"""postmaster@ and abuse@ of Mailwall's domain (RFC 5321 4.5.1, RFC 2142), through a real
`mailwall serve` and smtplib: accepted at RCPT whatever the case of the local part,
forwarded to the operators through the outbox, never posted, never answered; kept in the
queue with its reason when no operator address is configured."""

from __future__ import annotations

import email
import email.policy
import smtplib
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.gateway.conftest import DOMAIN, OUTSIDER, Serve, Site
from wall_store import outbox
from wall_store.models import OutboxMessage

OPS = "exploitation@lumiere-sa.fr"
SECURITY = "securite@lumiere-sa.fr"


def complaint(to: str, subject: str, message_id: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = f"Jean Dupont <{OUTSIDER}>"
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = f"<{message_id}>"
    mail["Date"] = email.utils.formatdate(localtime=True)
    mail.set_content(
        "Bonjour,\n\nNous recevons depuis ce matin des notifications de votre passerelle "
        "pour une adresse qui n'existe plus chez nous (ancien.stagiaire@fournisseur-exemple.fr)."
        "\nPouvez-vous la retirer ?\n\nCordialement,\nJean Dupont\n")
    return bytes(mail)


def send(port: int, to: str, raw: bytes) -> tuple[int, bytes]:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        smtp.ehlo("mx.fournisseur-exemple.fr")
        smtp.mail(OUTSIDER)
        code, reply = smtp.rcpt(to)
        if code == 250:
            smtp.data(raw)
        return code, reply


def outbox_rows(site: Site) -> list[OutboxMessage]:
    with site.sessions() as session:
        return list(reversed(outbox.list_outbox(session)))


def delivered(site: Site, count: int, timeout: float = 30.0) -> list[email.message.EmailMessage]:
    """The mail the outbox wrote to its Maildir (no smarthost), once `count` are there."""
    folder = Path(site.data_dir) / "outbox" / "new"
    deadline = time.monotonic() + timeout
    while True:
        files = sorted(folder.iterdir()) if folder.is_dir() else []
        if len(files) >= count:
            return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                    for p in files]
        if time.monotonic() > deadline:
            pytest.fail(f"expected {count} mail in {folder}, found {len(files)}")
        time.sleep(0.1)


def test_mail_to_postmaster_is_forwarded_to_the_configured_operators(
    site: Site, serve: Serve
) -> None:
    gateway = serve(site, smtp_postmaster=f"{OPS}, {SECURITY}")
    raw = complaint(f"PostMaster@{DOMAIN.upper()}", "Notifications pour une adresse disparue",
                    "plainte-1@fournisseur-exemple.fr")
    assert send(gateway.port, f"PostMaster@{DOMAIN.upper()}", raw)[0] == 250
    site.wait_until_settled()
    [row] = site.raw_messages()
    assert (row.status.value, row.reason) == ("done", "operator_mail_forwarded")
    assert site.posts("projet-lumiere") == [] and site.posts("entraide-it") == []
    rows = outbox_rows(site)
    assert sorted(r.recipient for r in rows) == sorted([OPS, SECURITY])
    assert {r.kind for r in rows} == {"postmaster"}
    assert OUTSIDER not in [r.recipient for r in rows]  # never answered
    for forward in delivered(site, 2):
        assert forward["Subject"] == "[postmaster] Notifications pour une adresse disparue"
        assert forward["Reply-To"] == OUTSIDER
        [original] = forward.iter_attachments()
        assert original.get_content_type() == "message/rfc822"
        assert raw.replace(b"\n", b"\r\n") in forward.as_bytes(policy=email.policy.SMTP)


def test_mail_to_abuse_goes_to_the_web_operators_when_no_postmaster_is_set(
    site: Site, serve: Serve
) -> None:
    gateway = serve(site, web_ops_addresses=OPS)
    raw = complaint(f"abuse@{DOMAIN}", "Spam reçu depuis votre domaine",
                    "abuse-1@fournisseur-exemple.fr")
    assert send(gateway.port, f"Abuse@{DOMAIN}", raw)[0] == 250
    site.wait_until_settled()
    [row] = site.raw_messages()
    assert row.reason == "operator_mail_forwarded"
    assert [r.recipient for r in outbox_rows(site)] == [OPS]


def test_mail_to_postmaster_is_kept_for_ops_when_no_operator_address_is_set(
    site: Site, serve: Serve
) -> None:
    gateway = serve(site)
    raw = complaint(f"postmaster@{DOMAIN}", "Question sur vos enregistrements SPF",
                    "spf-1@fournisseur-exemple.fr")
    assert send(gateway.port, f"postmaster@{DOMAIN}", raw)[0] == 250
    site.wait_until_settled()
    [row] = site.raw_messages()
    assert (row.status.value, row.reason) == ("quarantined", "operator_mail_kept")
    assert row.outcome["detail"] == "no operator address"
    assert outbox_rows(site) == []


def test_a_bare_postmaster_without_a_domain_is_accepted_at_rcpt(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site, web_ops_addresses=OPS)
    raw = complaint("Postmaster", "Adresse de contact technique ?", "bare-1@fournisseur-exemple.fr")
    assert send(gateway.port, "Postmaster", raw)[0] == 250
    sqlite_site.wait_until_settled()
    [row] = sqlite_site.raw_messages()
    assert row.reason == "operator_mail_forwarded"
