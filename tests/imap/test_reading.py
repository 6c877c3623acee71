"""Reading a mapped mailbox, one pass at a time, against a real Dovecot.

Each pass is what a `mailwall serve` poller does between two IDLE wake-ups:
connect, read past the checkpoint, store, acknowledge. Results are read back
from the store after the real pipeline ran, and from the mailbox itself.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from gateway.imap import (
    MailboxError,
    connect,
    load_mapping,
    open_mailbox,
    read_folder,
    sync_mapping,
)
from tests.imap.conftest import ELODIE, THOMAS, Dovecot, Wall, mail
from wall_store.validation import parse_imap_url

LUMIERE = "projet-lumiere@lumiere-sa.fr"


class CrashAfterStore(Exception):
    """The process dies right after the commit, before the server hears of it."""


def test_new_mail_is_stored_once_posted_and_flagged_seen(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    mapping_id = wall.add_mailbox(dovecot.url(user), password_env="LUMIERE_IMAP_PASSWORD")
    dovecot.append(user, mail(sender=f"Élodie Martin <{ELODIE}>", to=LUMIERE,
                              subject="Réunion de lancement jeudi",
                              body="Bonjour à tous,\n\nLa réunion de lancement est jeudi à 10 h."))

    result = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    wall.process()

    assert (result.found, result.stored) == (1, 1)
    [raw] = wall.raw_messages()
    assert (raw.source.value, raw.mapping_id, raw.envelope_from) == ("imap", mapping_id, ELODIE)
    assert raw.imap_uidvalidity == result.uidvalidity and raw.imap_uid == 1
    [post] = wall.posts()
    assert post["subject"] == "Réunion de lancement jeudi"
    assert "La réunion de lancement est jeudi" in post["text"]
    assert b"\\Seen" in dovecot.folder(user)[1]
    assert wall.mapping(mapping_id).last_success_at is not None


def test_a_second_pass_reads_only_what_arrived_since(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    mapping_id = wall.add_mailbox(dovecot.url(user), password_env="LUMIERE_IMAP_PASSWORD")
    dovecot.append(user, mail(sender=ELODIE, to=LUMIERE, subject="Planning du lot 2",
                              body="Voici le planning du lot 2."))
    sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    dovecot.append(user, mail(sender=THOMAS, to=LUMIERE, subject="Compte rendu du comité",
                              body="Le compte rendu est en pièce jointe."))

    second = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    third = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    wall.process()

    assert (second.found, second.stored) == (1, 1)
    assert (third.found, third.stored) == (0, 0)
    assert sorted(p["subject"] for p in wall.posts()) == [
        "Compte rendu du comité", "Planning du lot 2"]


def test_a_crash_between_store_and_flag_stores_nothing_twice(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    mapping_id = wall.add_mailbox(dovecot.url(user), password_env="LUMIERE_IMAP_PASSWORD")
    dovecot.append(user, mail(sender=ELODIE, to=LUMIERE, subject="Budget 2025",
                              body="Le budget révisé est validé."))
    mapping = load_mapping(wall.sessions, mapping_id)
    assert mapping is not None
    client = open_mailbox(mapping, ssl_context=dovecot.ssl_context())

    def crash(uid: int) -> None:
        raise CrashAfterStore(uid)

    with pytest.raises(CrashAfterStore):
        read_folder(wall.sessions, client, mapping.source(), after_store=crash)
    client.shutdown()  # no LOGOUT: the connection just drops, as with a killed process
    assert b"\\Seen" not in dovecot.folder(user)[1]

    after_restart = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    wall.process()

    assert (after_restart.stored, after_restart.already_stored) == (0, 1)
    assert len(wall.raw_messages()) == 1
    assert [p["subject"] for p in wall.posts()] == ["Budget 2025"]
    assert b"\\Seen" in dovecot.folder(user)[1]


def test_a_uidvalidity_change_rereads_the_folder_without_loss_or_duplicate(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    mapping_id = wall.add_mailbox(dovecot.url(user, "Projets"),
                                  password_env="LUMIERE_IMAP_PASSWORD")
    first = [
        mail(sender=ELODIE, to=LUMIERE, subject="Maquettes v1", body="Les maquettes v1.", day=3),
        mail(sender=THOMAS, to=LUMIERE, subject="Tests de charge", body="Résultats OK.", day=4),
    ]
    for message in first:
        dovecot.append(user, message, folder="Projets")
    before = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    # The folder is rebuilt (a server migration, a restored backup): same mail, new UIDs.
    with dovecot.client(user) as client:
        client.delete_folder("Projets")
        client.create_folder("Projets")
    for message in [*first, mail(sender=ELODIE, to=LUMIERE, subject="Recette du lot 3",
                                 body="La recette commence lundi.", day=5)]:
        dovecot.append(user, message, folder="Projets")

    after = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    wall.process()

    assert after.uidvalidity != before.uidvalidity and after.uidvalidity_changed
    assert after.found == 3
    assert sorted(p["subject"] for p in wall.posts()) == [
        "Maquettes v1", "Recette du lot 3", "Tests de charge"]
    reasons = sorted(r.reason or "" for r in wall.raw_messages())
    assert reasons.count("duplicate") == 2


def test_handled_mail_can_be_moved_to_a_folder_instead_of_flagged(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    mapping_id = wall.add_mailbox(dovecot.url(user), password_env="LUMIERE_IMAP_PASSWORD",
                                  move_to="Traité")
    dovecot.append(user, mail(sender=ELODIE, to=LUMIERE, subject="Livraison des badges",
                              body="Les badges arrivent mardi."))

    sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())
    wall.process()

    assert dovecot.folder(user) == {}
    assert len(dovecot.folder(user, "Traité")) == 1
    assert [p["subject"] for p in wall.posts()] == ["Livraison des badges"]


def test_the_password_can_come_from_a_file(
    dovecot: Dovecot, wall: Wall, tmp_path: Path
) -> None:
    user = dovecot.add_user()
    secret = tmp_path / "lumiere-imap.pass"
    secret.write_text(user.password + "\n")
    mapping_id = wall.add_mailbox(dovecot.url(user), password_file=str(secret))
    dovecot.append(user, mail(sender=THOMAS, to=LUMIERE, subject="Astreinte du week-end",
                              body="Je suis d'astreinte samedi."))

    result = sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())

    assert result.stored == 1


def test_a_missing_password_variable_is_recorded_on_the_mapping(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.delenv("LUMIERE_IMAP_PASSWORD", raising=False)
    mapping_id = wall.add_mailbox(dovecot.url(user), password_env="LUMIERE_IMAP_PASSWORD")

    with pytest.raises(MailboxError):
        sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())

    mapping = wall.mapping(mapping_id)
    assert mapping.last_error is not None and mapping.last_error_at is not None
    assert "environment variable LUMIERE_IMAP_PASSWORD is not set" in mapping.last_error
    assert mapping.last_success_at is None


def test_a_refused_login_is_recorded_without_the_password(
    dovecot: Dovecot, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", "mot-de-passe-perime")
    mapping_id = wall.add_mailbox(dovecot.url(user), password_env="LUMIERE_IMAP_PASSWORD")

    with pytest.raises(MailboxError):
        sync_mapping(wall.sessions, mapping_id, ssl_context=dovecot.ssl_context())

    error = wall.mapping(mapping_id).last_error or ""
    assert f"refused the login of {user.name}" in error
    assert "mot-de-passe-perime" not in error


def test_imaps_connects_over_tls_with_a_trusted_certificate(dovecot: Dovecot) -> None:
    user = dovecot.add_user()

    with connect(parse_imap_url(dovecot.url(user, tls=True)), user.password,
                 ssl_context=dovecot.ssl_context()) as client:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0


def test_an_untrusted_certificate_is_refused(dovecot: Dovecot) -> None:
    user = dovecot.add_user()

    with pytest.raises(MailboxError, match="certificate"):
        # The system's authorities do not know the test server's certificate.
        connect(parse_imap_url(dovecot.url(user, tls=True)), user.password)


def test_imap_urls_upgrade_to_tls_with_starttls_when_offered(dovecot: Dovecot) -> None:
    user = dovecot.add_user()

    with connect(parse_imap_url(dovecot.url(user)), user.password,
                 ssl_context=dovecot.ssl_context()) as client:
        assert isinstance(client.socket(), ssl.SSLSocket)
