"""`mailwall serve` reading mapped IMAP mailboxes from a real Dovecot.

The gateway runs as a subprocess with short poll and backoff intervals; mail
is put in the mailbox by IMAP APPEND while it runs, and results are read
back from the store and from the mailbox.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable

import pytest

from tests.gateway.conftest import LUMIERE, Serve, Site, statuses
from tests.imap.conftest import ELODIE, THOMAS, Dovecot, MailUser, mail, wait_for
from wall_store.mappings import add_imap
from wall_store.models import Mapping

FAST = {"imap_poll_seconds": 1, "imap_max_backoff_seconds": 1}


def map_mailbox(site: Site, dovecot: Dovecot, user: MailUser,
                monkeypatch: pytest.MonkeyPatch) -> int:
    """Maps the user's INBOX to Projet Lumière; `mailwall serve` gets the password and CA."""
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    # Python's default TLS context reads SSL_CERT_FILE: the gateway trusts the test server.
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.ca_file))
    with site.sessions() as session, session.begin():
        return add_imap(session, "projet-lumiere", dovecot.url(user),
                        password_env="LUMIERE_IMAP_PASSWORD").id


def mapping(site: Site, mapping_id: int) -> Mapping:
    with site.sessions() as session:
        return session.get_one(Mapping, mapping_id)


def subjects(site: Site) -> list[str]:
    return sorted(post["subject"] for post in site.posts("projet-lumiere"))


def test_mail_arriving_in_a_mapped_mailbox_while_serving_is_posted_and_flagged(
    site: Site, serve: Serve, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    mapping_id = map_mailbox(site, dovecot, user, monkeypatch)
    dovecot.append(user, mail(sender=f"Élodie Martin <{ELODIE}>", to=LUMIERE,
                              subject="Ordre du jour du comité de pilotage",
                              body="Bonjour,\n\nVoici l'ordre du jour de jeudi."))
    gateway = serve(site, **FAST)
    wait_for("the mail already in the mailbox posted",
             lambda: subjects(site) == ["Ordre du jour du comité de pilotage"], details=gateway.log)

    dovecot.append(user, mail(sender=f"Thomas Bernard <{THOMAS}>", to=LUMIERE,
                              subject="Salle réservée pour jeudi",
                              body="J'ai réservé la salle Lumière pour jeudi 10 h."))

    wait_for("the new mail posted", lambda: len(subjects(site)) == 2, details=gateway.log)
    assert subjects(site) == ["Ordre du jour du comité de pilotage", "Salle réservée pour jeudi"]
    wait_for("both messages flagged \\Seen",
             lambda: all(b"\\Seen" in flags for flags in dovecot.folder(user).values()))
    assert mapping(site, mapping_id).last_success_at is not None


def test_a_mailbox_mapped_while_serving_is_picked_up(
    site: Site, serve: Serve, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.ca_file))
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    gateway = serve(site, **FAST)

    map_mailbox(site, dovecot, user, monkeypatch)
    dovecot.append(user, mail(sender=ELODIE, to=LUMIERE, subject="Nouvelle boîte reliée",
                              body="Cette boîte alimente maintenant le mur."))

    wait_for("the mail posted", lambda: subjects(site) == ["Nouvelle boîte reliée"],
             details=gateway.log)


def test_the_imap_server_going_away_and_coming_back_is_survived(
    sqlite_site: Site, serve: Serve, private_dovecot: Callable[..., Dovecot],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = sqlite_site
    server: Dovecot = private_dovecot()
    user = server.add_user()
    mapping_id = map_mailbox(site, server, user, monkeypatch)
    gateway = serve(site, **FAST)
    server.append(user, mail(sender=ELODIE, to=LUMIERE, subject="Avant la coupure",
                             body="Message envoyé avant la maintenance du serveur."))
    wait_for("the first mail posted", lambda: subjects(site) == ["Avant la coupure"],
             details=gateway.log)

    server.stop()
    wait_for("the lost connection recorded on the mapping",
             lambda: mapping(site, mapping_id).last_error is not None, details=gateway.log)
    server.start()
    server.append(user, mail(sender=THOMAS, to=LUMIERE, subject="Après la coupure",
                             body="Le serveur de messagerie est revenu."))

    wait_for("the mail sent after the restart posted",
             lambda: subjects(site) == ["Après la coupure", "Avant la coupure"],
             details=gateway.log)
    after = mapping(site, mapping_id)
    assert after.last_error_at is not None and after.last_success_at is not None
    assert after.last_success_at > after.last_error_at
    assert "127.0.0.1" in (after.last_error or "")


def test_the_same_message_by_smtp_and_by_imap_gives_one_post(
    site: Site, serve: Serve, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    map_mailbox(site, dovecot, user, monkeypatch)
    gateway = serve(site, **FAST)
    message = mail(sender=f"Élodie Martin <{ELODIE}>", to=LUMIERE,
                   subject="Jalon J3 validé", body="Le jalon J3 est validé par le client.",
                   message_id="jalon-j3.20250312@lumiere-sa.fr")

    with smtplib.SMTP("127.0.0.1", gateway.port, timeout=30) as smtp:
        smtp.send_message(message, from_addr=ELODIE, to_addrs=[LUMIERE])
    dovecot.append(user, message)

    site.wait_for_raw_messages(2)
    site.wait_until_settled()
    assert subjects(site) == ["Jalon J3 validé"]
    assert sorted(status for status, _ in statuses(site)) == ["done", "done"]
    assert sorted(reason or "" for _, reason in statuses(site)) == ["duplicate", "posted"]
