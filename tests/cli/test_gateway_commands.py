"""`mailwall queue`, `wall` and `outbox`: what ops see of the messages that came in."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

from click.testing import Result

from gateway.intake import resolve_all, store_message
from gateway.pipeline import Pipeline, Settings
from tests.cli.conftest import Mailwall
from wall_store import config as config_mod
from wall_store.db import make_engine, session_factory
from wall_store.models import MessageSource

Refused = Callable[..., Result]


def setup_atlas(mailwall: Mailwall) -> None:
    for args in (
        ("community", "create", "atlas", "--name", "Projet Atlas", "--kind", "project"),
        ("map", "add", "atlas", "--address", "atlas@corp.example"),
        ("member", "add", "atlas", "elodie.martin@corp.example", "--name", "Élodie Martin"),
    ):
        assert mailwall(*args).exit_code == 0


def deliver_and_process(mailwall: Mailwall, sender: str, subject: str, body: str,
                        message_id: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "atlas@corp.example", subject
    msg["Message-ID"] = f"<{message_id}>"
    msg["Date"] = "Tue, 17 Nov 2026 14:05:00 +0100"
    msg.set_content(body)
    config = config_mod.load(mailwall.config)
    sessions = session_factory(make_engine(config.database.url))
    settings = Settings.from_config(config)
    with sessions() as session:
        targets, _ = resolve_all(session, ["atlas@corp.example"], domain=settings.domain,
                                 secret=settings.secret)
    store_message(sessions, bytes(msg), source=MessageSource.SMTP, envelope_from=sender,
                  envelope_to=["atlas@corp.example"], targets=targets)
    Pipeline(sessions, settings).drain()


def test_wall_json_has_the_documented_shape(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "Élodie Martin <elodie.martin@corp.example>",
                        "Livrable du lot 2", "Le livrable est déposé.", "l2@corp.example")
    wall = mailwall.json("wall", "atlas")
    assert wall["community"] == "atlas"
    [thread] = wall["threads"]
    assert set(thread) >= {"id", "subject", "channel", "posts"}
    [post] = thread["posts"]
    assert set(post) >= {"id", "author", "message_id", "source", "created_at", "text", "likes",
                         "documents"}
    assert (post["author"], post["source"], post["text"]) == (
        "elodie.martin@corp.example", "email", "Le livrable est déposé.")


def test_wall_in_a_readable_form(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "Élodie Martin <elodie.martin@corp.example>",
                        "Livrable du lot 2", "Le livrable est déposé.", "l2@corp.example")
    out = mailwall("wall", "atlas").output
    assert "Livrable du lot 2" in out and "Élodie Martin" in out


def test_queue_list_filters_by_state(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "elodie.martin@corp.example", "A", "a", "a@corp.example")
    deliver_and_process(mailwall, "paul.roux@fournisseur.example", "B", "b", "b@f.example")
    held = mailwall.json("queue", "list", "--state", "held")
    assert [(m["state"], m["reason"]) for m in held] == [("held", "non_member_held")]
    assert len(mailwall.json("queue", "list")) == 2


def test_queue_show_gives_headers_reason_and_outcome(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "elodie.martin@corp.example", "Planning", "ok",
                        "p@corp.example")
    [row] = mailwall.json("queue", "list")
    shown = mailwall.json("queue", "show", str(row["id"]))
    assert shown["reason"] == "posted" and shown["sentence"] == "Posted on the wall."
    assert shown["outcome"]["post_id"] >= 1
    assert ["Subject", "Planning"] in shown["headers"]
    human = mailwall("queue", "show", str(row["id"])).output
    assert "Subject: Planning" in human


def test_queue_release_posts_a_held_message(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "paul.roux@fournisseur.example", "Devis", "Voici le devis.",
                        "devis@f.example")
    [row] = mailwall.json("queue", "list", "--state", "held")
    released = mailwall.json("queue", "release", str(row["id"]))
    assert released["reason"] == "approved"
    assert mailwall.json("wall", "atlas")["threads"][0]["posts"][0]["text"] == "Voici le devis."


def test_queue_release_records_who_decided_where_and_when(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "paul.roux@fournisseur.example", "Devis", "Voici le devis.",
                        "devis@f.example")
    [row] = mailwall.json("queue", "list", "--state", "held")
    mailwall.json("queue", "release", str(row["id"]), "--by", "Elodie.Martin@corp.example")
    shown = mailwall.json("queue", "show", str(row["id"]))
    assert (shown["decision"], shown["decided_by"], shown["decided_via"]) == (
        "approve", "elodie.martin@corp.example", "cli")
    assert shown["decided_at"] is not None


def test_queue_reject_without_by_records_the_operator_login(mailwall: Mailwall) -> None:
    import getpass

    setup_atlas(mailwall)
    deliver_and_process(mailwall, "paul.roux@fournisseur.example", "Pub", "Promo !",
                        "pub@f.example")
    [row] = mailwall.json("queue", "list", "--state", "held")
    mailwall.json("queue", "reject", str(row["id"]))
    shown = mailwall.json("queue", "show", str(row["id"]))
    assert shown["decided_by"] == f"{getpass.getuser()} (CLI)"
    assert shown["state"] == "rejected"


def test_queue_reject_declines_a_held_message_and_notifies(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "paul.roux@fournisseur.example", "Pub", "Promo !",
                        "pub@f.example")
    [row] = mailwall.json("queue", "list", "--state", "held")
    assert mailwall.json("queue", "reject", str(row["id"]))["reason"] == "manager_rejected"
    kinds = [(m["kind"], m["to"]) for m in mailwall.json("outbox", "list")]
    assert kinds == [("notice", "paul.roux@fournisseur.example")] * 2


def test_releasing_a_message_that_is_not_held_is_refused(
    mailwall: Mailwall, refused: Refused
) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "elodie.martin@corp.example", "A", "a", "a@corp.example")
    [row] = mailwall.json("queue", "list")
    assert "only held messages" in refused("queue", "release", str(row["id"])).stderr


def test_retrying_a_done_message_is_refused(mailwall: Mailwall, refused: Refused) -> None:
    setup_atlas(mailwall)
    deliver_and_process(mailwall, "elodie.martin@corp.example", "A", "a", "a@corp.example")
    [row] = mailwall.json("queue", "list")
    assert "only failed or quarantined" in refused("queue", "retry", str(row["id"])).stderr


def test_retry_failed_with_nothing_failed_requeues_nothing(mailwall: Mailwall) -> None:
    assert mailwall.json("queue", "retry", "--failed") == {"requeued": 0}


def test_unknown_queue_message_is_refused(refused: Refused) -> None:
    assert "no message 999" in refused("queue", "show", "999").stderr


def test_unknown_queue_state_is_refused(refused: Refused) -> None:
    assert "'lost' is not a valid state" in refused("queue", "list", "--state", "lost").stderr


def test_wall_of_an_unknown_community_is_refused(refused: Refused) -> None:
    assert "no community 'fantome'" in refused("wall", "fantome").stderr


def deliver_attachment(mailwall: Mailwall, data: bytes, message_id: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"] = "elodie.martin@corp.example", "atlas@corp.example"
    msg["Subject"], msg["Message-ID"] = "Planning du lot 2", f"<{message_id}>"
    msg.set_content("Le planning à jour est joint.")
    msg.add_attachment(data, maintype="application", subtype="pdf", filename="Planning.pdf")
    config = config_mod.load(mailwall.config)
    sessions = session_factory(make_engine(config.database.url))
    settings = Settings.from_config(config)
    with sessions() as session:
        targets, _ = resolve_all(session, ["atlas@corp.example"], domain=settings.domain,
                                 secret=settings.secret)
    store_message(sessions, bytes(msg), source=MessageSource.SMTP,
                  envelope_from="elodie.martin@corp.example",
                  envelope_to=["atlas@corp.example"], targets=targets)
    Pipeline(sessions, settings).drain()


def test_docs_lists_documents_with_their_versions(mailwall: Mailwall) -> None:
    setup_atlas(mailwall)
    deliver_attachment(mailwall, b"%PDF-1.7 semaine 46", "p1@corp.example")
    deliver_attachment(mailwall, b"%PDF-1.7 semaine 47", "p2@corp.example")
    [doc] = mailwall.json("docs", "atlas")
    assert doc["name"] == "Planning.pdf"
    assert [v["number"] for v in doc["versions"]] == [1, 2]
    assert "Planning.pdf  (v2" in mailwall("docs", "atlas").output


def test_docs_get_writes_the_chosen_version(mailwall: Mailwall, tmp_path) -> None:  # type: ignore[no-untyped-def]
    setup_atlas(mailwall)
    deliver_attachment(mailwall, b"%PDF-1.7 semaine 46", "p1@corp.example")
    deliver_attachment(mailwall, b"%PDF-1.7 semaine 47", "p2@corp.example")
    latest, first = tmp_path / "latest.pdf", tmp_path / "v1.pdf"
    assert mailwall("docs", "get", "atlas", "Planning.pdf", "-o", str(latest)).exit_code == 0
    assert mailwall("docs", "get", "atlas", "Planning.pdf", "--version", "1",
                    "-o", str(first)).exit_code == 0
    assert latest.read_bytes() == b"%PDF-1.7 semaine 47"
    assert first.read_bytes() == b"%PDF-1.7 semaine 46"


def test_docs_get_of_an_unknown_document_is_refused(mailwall: Mailwall, refused: Refused,
                                                     tmp_path) -> None:  # type: ignore[no-untyped-def]
    setup_atlas(mailwall)
    result = refused("docs", "get", "atlas", "Budget.xlsx", "-o", str(tmp_path / "x"))
    assert "has no document 'Budget.xlsx'" in result.stderr
