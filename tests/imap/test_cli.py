"""`mailwall map test`, `map list` and `import imap` against a real Dovecot."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli import main
from gateway.imap import MailboxError, import_imap, sync_mapping
from gateway.importer import import_pipeline
from tests.gateway.conftest import LUMIERE, Site
from tests.imap.conftest import ELODIE, THOMAS, Dovecot, MailUser, mail
from wall_store.config import load
from wall_store.mappings import add_imap


def mailwall(site: Site, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(site.config), *args],
                              env={"MAILWALL_DATABASE_URL": site.database_url})


def trust(dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> None:
    # Python's default TLS context reads SSL_CERT_FILE: the CLI trusts the test server.
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.ca_file))


def map_mailbox(site: Site, url: str) -> int:
    with site.sessions() as session, session.begin():
        return add_imap(session, "projet-lumiere", url, password_env="LUMIERE_IMAP_PASSWORD").id


def three_messages(dovecot: Dovecot, user: MailUser, folder: str = "INBOX") -> None:
    for day, (sender, subject) in enumerate([
        (ELODIE, "Kick-off du projet Lumière"),
        (THOMAS, "Re: Kick-off du projet Lumière"),
        (ELODIE, "Budget prévisionnel 2025"),
    ], start=3):
        dovecot.append(user, mail(sender=sender, to=LUMIERE, subject=subject,
                                  body=f"{subject}\n\nDétails à suivre.", day=day), folder=folder)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_map_test_says_what_it_found_without_changing_anything(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    three_messages(dovecot, user)
    mapping_id = map_mailbox(site, dovecot.url(user))

    result = mailwall(site, "map", "test", str(mapping_id))

    assert result.exit_code == 0, result.output
    assert "logged in, TLS (STARTTLS)" in result.output
    assert "folder INBOX: 3 message(s), 3 unseen" in result.output
    assert "waiting to be read: 3" in result.output
    assert "seen at once (IDLE)" in result.output
    assert all(b"\\Seen" not in flags for flags in dovecot.folder(user).values())


def test_map_test_with_a_refused_password_fails_and_says_why(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", "ancien-mot-de-passe")
    mapping_id = map_mailbox(site, dovecot.url(user))

    result = mailwall(site, "map", "test", str(mapping_id), "--json")

    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    assert f"refused the login of {user.name}" in report["error"]
    assert "ancien-mot-de-passe" not in result.output


def test_map_test_names_a_missing_folder(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", user.password)
    mapping_id = map_mailbox(site, dovecot.url(user, "Projets/Lumière"))

    result = mailwall(site, "map", "test", str(mapping_id))

    assert result.exit_code == 1
    assert "has no folder 'Projets/Lumière'" in result.output


def test_map_list_shows_each_mailbox_last_success_and_last_error(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    working, broken = dovecot.add_user(), dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("LUMIERE_IMAP_PASSWORD", working.password)
    ok_id = map_mailbox(site, dovecot.url(working))
    with site.sessions() as session, session.begin():
        broken_id = add_imap(session, "entraide-it", dovecot.url(broken),
                             password_env="ENTRAIDE_IMAP_PASSWORD").id
    monkeypatch.delenv("ENTRAIDE_IMAP_PASSWORD", raising=False)
    sync_mapping(site.sessions, ok_id)
    with pytest.raises(MailboxError):
        sync_mapping(site.sessions, broken_id)

    rows = {row["id"]: row for row in as_json(mailwall(site, "map", "list", "--json"))}

    assert rows[ok_id]["last_success_at"] and rows[ok_id]["last_error"] is None
    assert rows[broken_id]["last_success_at"] is None
    assert "ENTRAIDE_IMAP_PASSWORD is not set" in rows[broken_id]["last_error"]


def test_import_imap_imports_a_folder_once_and_a_rerun_imports_nothing_twice(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("ARCHIVE_IMAP_PASSWORD", user.password)
    three_messages(dovecot, user, folder="Archives-2024")
    args = ["import", "imap", dovecot.url(user), "--folder", "Archives-2024",
            "--password-env", "ARCHIVE_IMAP_PASSWORD", "--community", "projet-lumiere"]

    first = as_json(mailwall(site, *args, "--json"))
    second = as_json(mailwall(site, *args, "--json"))

    assert (first["imported"], first["already_there"], first["complete"]) == (3, 0, True)
    assert (second["imported"], second["read"]) == (0, 0)
    assert len(site.posts("projet-lumiere")) == 3
    assert {row.source.value for row in site.raw_messages()} == {"import"}
    # An import only reads: the mailbox owner finds the folder as it was.
    assert all(b"\\Seen" not in flags for flags in dovecot.folder(user, "Archives-2024").values())


def test_an_interrupted_import_resumes_after_the_last_message_stored(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("ARCHIVE_IMAP_PASSWORD", user.password)
    three_messages(dovecot, user)
    monkeypatch.setenv("MAILWALL_DATABASE_URL", site.database_url)
    pipeline = import_pipeline(load(str(site.config)))
    interrupted = import_imap(pipeline, dovecot.url(user), community="projet-lumiere",
                              password_env="ARCHIVE_IMAP_PASSWORD", limit=2)

    result = mailwall(site, "import", "imap", dovecot.url(user), "--community", "projet-lumiere",
                      "--password-env", "ARCHIVE_IMAP_PASSWORD")

    assert interrupted.stopped_early and interrupted.imported == 2
    assert result.exit_code == 0, result.output
    assert "imported 1 message(s) into projet-lumiere" in result.output
    assert "resumed after UID 2" in result.output
    assert len(site.raw_messages()) == 3
    assert len(site.posts("projet-lumiere")) == 3


def test_import_imap_with_a_refused_password_says_so(
    site: Site, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.add_user()
    trust(dovecot, monkeypatch)
    monkeypatch.setenv("ARCHIVE_IMAP_PASSWORD", "pas-le-bon")

    result = mailwall(site, "import", "imap", dovecot.url(user), "--community", "projet-lumiere",
                      "--password-env", "ARCHIVE_IMAP_PASSWORD")

    assert result.exit_code == 2
    assert f"refused the login of {user.name}" in result.output
    assert "pas-le-bon" not in result.output
