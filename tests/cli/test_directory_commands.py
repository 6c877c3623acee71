"""Communities, channels, members and mappings: what ops type, and what they are told."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from tests.cli.conftest import Mailwall

Refused = Callable[..., Result]


def create_atlas(mailwall: Mailwall, *extra: str) -> None:
    result = mailwall("community", "create", "atlas", "--name", "Projet Atlas",
                      "--kind", "project", *extra)
    assert result.exit_code == 0, result.output


# --- community --------------------------------------------------------------------

def test_community_create_defaults_to_public_and_moderated(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    shown = mailwall.json("community", "show", "atlas")
    assert (shown["name"], shown["kind"], shown["visibility"], shown["policy"]) == (
        "Projet Atlas", "project", "public", "moderate")


def test_community_create_private_with_reject_policy(mailwall: Mailwall) -> None:
    data = mailwall.json("community", "create", "rh-confidentiel", "--name", "RH",
                         "--kind", "team", "--private", "--policy", "reject")
    assert data["visibility"] == "private" and data["policy"] == "reject"


def test_community_create_holds_unauthenticated_mail_by_default(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    assert mailwall.json("community", "show", "atlas")["unauthenticated"] == "moderate"


def test_community_create_with_unauthenticated_reject(mailwall: Mailwall) -> None:
    data = mailwall.json("community", "create", "direction", "--name", "Direction",
                         "--kind", "team", "--unauthenticated", "reject")
    assert data["unauthenticated"] == "reject"


def test_community_set_changes_the_unauthenticated_policy(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    result = mailwall("community", "set", "atlas", "--unauthenticated", "accept")
    assert result.exit_code == 0, result.output
    assert "unauthenticated mail: accept" in result.output
    shown = mailwall.json("community", "show", "atlas")
    assert (shown["policy"], shown["unauthenticated"]) == ("moderate", "accept")


def test_unknown_unauthenticated_policy_is_refused(refused: Refused) -> None:
    result = refused("community", "create", "veille", "--name", "Veille", "--kind", "watch",
                     "--unauthenticated", "trust")
    assert "'trust' is not a valid unauthenticated" in result.stderr


def test_community_set_without_a_change_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    assert "nothing to change" in refused("community", "set", "atlas").stderr


def test_community_list_in_a_table(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    out = mailwall("community", "list").output
    assert out.splitlines()[0].split()[:3] == ["SLUG", "NAME", "KIND"]
    assert "atlas" in out and "Projet Atlas" in out


def test_community_archive_then_archive_again(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    assert mailwall.json("community", "archive", "atlas")["changed"] is True
    assert mailwall.json("community", "archive", "atlas")["changed"] is False
    assert mailwall.json("community", "show", "atlas")["archived"] is True


def test_duplicate_slug_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("community", "create", "atlas", "--name", "Autre", "--kind", "team")
    assert "exists already" in result.stderr


def test_unknown_kind_is_refused(refused: Refused) -> None:
    result = refused("community", "create", "veille", "--name", "Veille", "--kind", "blog")
    assert "'blog' is not a valid kind" in result.stderr


def test_unknown_policy_is_refused(refused: Refused) -> None:
    result = refused("community", "create", "veille", "--name", "Veille", "--kind", "watch",
                     "--policy", "maybe")
    assert "'maybe' is not a valid policy" in result.stderr


def test_invalid_slug_is_refused(refused: Refused) -> None:
    result = refused("community", "create", "Projet Atlas", "--name", "x", "--kind", "team")
    assert "not a valid community slug" in result.stderr


def test_show_unknown_community_is_refused(refused: Refused) -> None:
    assert "no community 'fantome'" in refused("community", "show", "fantome").stderr


def test_archive_unknown_community_is_refused(refused: Refused) -> None:
    assert "no community 'fantome'" in refused("community", "archive", "fantome").stderr


# --- channel ----------------------------------------------------------------------

def test_channel_add_gives_its_address(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    data = mailwall.json("channel", "add", "atlas", "lot-2")
    assert data["address"] == "atlas+lot-2@mailwall.localhost"
    assert mailwall.json("community", "show", "atlas")["channels"] == ["lot-2"]


def test_duplicate_channel_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    mailwall("channel", "add", "atlas", "lot-2")
    assert "has a channel 'lot-2' already" in refused("channel", "add", "atlas", "lot-2").stderr


def test_channel_on_unknown_community_is_refused(refused: Refused) -> None:
    assert "no community 'fantome'" in refused("channel", "add", "fantome", "lot-1").stderr


# --- member -----------------------------------------------------------------------

def test_member_add_list_and_remove(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    added = mailwall.json("member", "add", "atlas", "Elodie.Martin@Example.com",
                          "--name", "Élodie Martin", "--role", "manager")
    assert added == {"community": "atlas", "email": "elodie.martin@example.com",
                     "name": "Élodie Martin", "role": "manager", "created": True}
    mailwall("member", "add", "atlas", "sarah.miller@partner.example", "--role", "external")
    listed = mailwall.json("member", "list", "atlas")
    assert [(m["email"], m["role"]) for m in listed] == [
        ("elodie.martin@example.com", "manager"), ("sarah.miller@partner.example", "external")]
    assert mailwall("member", "remove", "atlas", "sarah.miller@partner.example").exit_code == 0
    assert len(mailwall.json("member", "list", "atlas")) == 1


def test_member_add_again_changes_the_role(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    mailwall("member", "add", "atlas", "jerome.dubois@example.com")
    again = mailwall.json("member", "add", "atlas", "jerome.dubois@example.com",
                          "--role", "manager")
    assert again["created"] is False and again["role"] == "manager"


def test_invalid_email_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("member", "add", "atlas", "jerome.dubois-at-example.com")
    assert "not a valid email address" in result.stderr


def test_unknown_role_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("member", "add", "atlas", "a@example.com", "--role", "admin")
    assert "'admin' is not a valid role" in result.stderr


def test_member_of_unknown_community_is_refused(refused: Refused) -> None:
    assert "no community 'fantome'" in refused("member", "add", "fantome", "a@example.com").stderr


def test_removing_a_non_member_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("member", "remove", "atlas", "inconnu@example.com")
    assert "is not a member of 'atlas'" in result.stderr


# --- map --------------------------------------------------------------------------

def test_map_address_to_community_and_channel(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    mailwall("channel", "add", "atlas", "lot-1")
    data = mailwall.json("map", "add", "atlas", "--address", "Projet-Atlas@Corp.Example",
                         "--channel", "lot-1")
    assert (data["kind"], data["target"], data["channel"]) == (
        "smtp", "projet-atlas@corp.example", "lot-1")


def test_map_imap_mailbox_keeps_the_variable_name_not_the_password(
    mailwall: Mailwall, monkeypatch
) -> None:
    create_atlas(mailwall)
    monkeypatch.setenv("ATLAS_IMAP_PASSWORD", "motdepasse-secret")
    data = mailwall.json("map", "add", "atlas", "--imap",
                         "imaps://projet.atlas@imap.corp.example/Projets/Atlas",
                         "--password-env", "ATLAS_IMAP_PASSWORD")
    assert data["target"] == "imaps://projet.atlas@imap.corp.example:993/Projets/Atlas"
    assert data["password_from"] == "env:ATLAS_IMAP_PASSWORD"
    listing = mailwall("map", "list")
    assert "motdepasse-secret" not in listing.output
    assert "ATLAS_IMAP_PASSWORD" in listing.output


def test_map_list_and_remove(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    first = mailwall.json("map", "add", "atlas", "--address", "atlas@corp.example")
    mailwall("map", "add", "atlas", "--address", "atlas-archives@corp.example")
    assert len(mailwall.json("map", "list")) == 2
    removed = mailwall.json("map", "remove", str(first["id"]))
    assert removed["target"] == "atlas@corp.example"
    assert [m["target"] for m in mailwall.json("map", "list")] == ["atlas-archives@corp.example"]


def test_an_address_feeds_exactly_one_community(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    mailwall("community", "create", "qualite", "--name", "Qualité", "--kind", "team")
    mailwall("map", "add", "atlas", "--address", "atlas@corp.example")
    result = refused("map", "add", "qualite", "--address", "ATLAS@corp.example")
    assert "already mapped to community 'atlas'" in result.stderr


def test_imap_url_must_be_imap_or_imaps(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("map", "add", "atlas", "--imap", "https://imap.corp.example/INBOX",
                     "--password-env", "PW")
    assert "must start with imap:// or imaps://" in result.stderr


def test_imap_url_with_a_password_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("map", "add", "atlas", "--imap", "imaps://bob:hunter2@imap.corp.example/",
                     "--password-env", "PW")
    assert "must not carry a password" in result.stderr


def test_imap_mapping_needs_a_password_source(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("map", "add", "atlas", "--imap", "imaps://bob@imap.corp.example/INBOX")
    assert "--password-env" in result.stderr


def test_map_needs_address_or_imap(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    assert "exactly one of --address" in refused("map", "add", "atlas").stderr


def test_map_to_unknown_channel_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("map", "add", "atlas", "--address", "a@corp.example", "--channel", "lot-9")
    assert "has no channel 'lot-9'" in result.stderr


def test_removing_an_unknown_mapping_is_refused(refused: Refused) -> None:
    assert "no mapping 42" in refused("map", "remove", "42").stderr


def test_invalid_mapped_address_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    assert "not a valid email address" in refused("map", "add", "atlas", "--address",
                                                  "pas une adresse").stderr


def test_map_imap_can_move_handled_mail_to_a_folder(mailwall: Mailwall) -> None:
    create_atlas(mailwall)
    data = mailwall.json("map", "add", "atlas", "--imap", "imaps://atlas@imap.corp.example/INBOX",
                         "--password-env", "ATLAS_PW", "--move-to", "Traités")
    assert data["move_to"] == "Traités"


def test_move_to_goes_with_imap_only(mailwall: Mailwall, refused: Refused) -> None:
    create_atlas(mailwall)
    result = refused("map", "add", "atlas", "--address", "a@corp.example", "--move-to", "X")
    assert "go with --imap" in result.stderr
