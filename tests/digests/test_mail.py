"""What people receive: templates read back through real parsers, headers and MIME structure
of every kind of mail Mailwall sends on its own."""

from __future__ import annotations

import re
from email.message import EmailMessage
from html.parser import HTMLParser

import lxml.html
import pytest
from jinja2 import Environment, meta

import parsers
from digests import compose, i18n, render
from digests.moderation import send_moderation_notices
from digests.notifications import send_notifications
from digests.run import run_digests
from tests.digests.conftest import (
    DOMAIN,
    ELODIE,
    JEROME,
    NOW,
    OUTSIDER,
    SARAH,
    SETTINGS,
    World,
    held_message,
    html_part,
    text_part,
)
from wall_store import tokens


def digest_for(world: World, address: str) -> EmailMessage:
    run_digests(world.sessions, SETTINGS, now=NOW)
    [mail] = world.mails_to(address, "digest")
    return mail


class StrictHTML(HTMLParser):
    """Fails on unbalanced tags: a template bug shows up as broken mail in Outlook."""

    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def balanced_text(html: str) -> str:
    checker = StrictHTML()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    return " ".join("".join(checker.text).split())


# --- templates ----------------------------------------------------------------------


def test_an_email_only_digest_carries_full_text_nudges_and_answer_links_in_french(
    world: World,
) -> None:
    text = text_part(digest_for(world, ELODIE))
    assert text.startswith("Bonjour Élodie,")
    assert "=== Projet Atlas — Planning du lot 2" in text
    assert "[On vous répond]" in text
    assert "Merci Élodie, le 24 me va. Je préviens l'équipe de réception." in text
    assert "2 collègues ont aimé votre message « Planning du lot 2 »" in text
    assert "« planning-lot2.xlsx » a une nouvelle version (v2) sur le mur" in text
    assert re.search(r"Répondre par e-mail: reply\+[0-9a-f-]+@mailwall\.localhost", text)
    assert "Ne plus recevoir de résumés: https://mur.lumiere-sa.fr/unsubscribe/" in text


def test_the_html_digest_is_well_formed_escaped_and_links_through_signed_clicks(
    world: World,
) -> None:
    mail = digest_for(world, ELODIE)
    html = html_part(mail)
    visible = balanced_text(html)
    assert "Merci Élodie, le 24 me va." in visible
    doc = lxml.html.fromstring(html.encode())
    [thread] = [t for t in doc.find_class("thread")
                if "Planning du lot 2" in t.text_content()]
    read = thread.find_class("read")[0].get("href")
    assert read.startswith("https://mur.lumiere-sa.fr/r/")
    payload = tokens.unsign(SETTINGS.secret, tokens.CLICK, read.rsplit("/", 1)[1])
    assert payload is not None
    assert payload["p"] == world.ids["elodie"]
    assert payload["t"] == world.ids["planning"]
    assert payload["d"] == "weekly:2026-W47"
    reply = thread.find_class("reply")[0].get("href")
    assert reply.startswith("mailto:reply+") and "subject=Re%3A%20Planning%20du%20lot%202" in reply


def test_post_text_is_escaped_in_html(world: World) -> None:
    from wall_store import wall
    from wall_store.models import PostSource, Thread
    from wall_store.people import find_person

    with world.sessions() as session, session.begin():
        thread = session.get(Thread, world.ids["planning"])
        jerome = find_person(session, JEROME)
        assert thread is not None and jerome is not None
        wall.add_post(session, thread, author=jerome, source=PostSource.EMAIL,
                      message_id="xss@lumiere-sa.fr", created_at=NOW,
                      text="<script>alert('x')</script> & <b>gras</b>")
    html = html_part(digest_for(world, ELODIE))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert lxml.html.fromstring(html.encode()).xpath("//script") == []


def test_an_english_reader_gets_english(world: World) -> None:
    text = text_part(digest_for(world, SARAH))
    assert text.startswith("Hello Sarah,")
    assert "Here is what moved in your communities since" in text
    assert "Answer by email:" in text
    assert "Voici ce qui a bougé" not in text and "Répondre par e-mail" not in text


def test_every_template_string_has_a_french_translation() -> None:
    env = Environment(extensions=["jinja2.ext.i18n"])
    found: set[str] = set()
    for path in render.TEMPLATES.rglob("*"):
        if path.is_file():
            ast = env.parse(path.read_text(encoding="utf-8"))
            for _, function, message in env.extract_translations(ast):  # type: ignore[attr-defined]
                if function in ("_", "gettext") and isinstance(message, str):
                    found.add(message)
                elif function == "ngettext":
                    found.add(message[0])
    missing = {m for m in found if m not in i18n.FR and m not in i18n.FR_PLURAL}
    assert found and missing == set()
    # The triples are complete for every kind of mail.
    for name in ("digest", "notification", "moderation"):
        assert {p.name for p in (render.TEMPLATES / name).iterdir()} >= set(render.PARTS)
    assert meta  # keep the import honest for readers looking for template introspection


def test_origin_header_is_the_one_the_parsers_drop() -> None:
    assert compose.ORIGIN_HEADER == parsers.OWN_HEADER


# --- headers and MIME structure ----------------------------------------------------------

COMMON = ("From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted",
          "X-Auto-Response-Suppress", "X-Mailwall-Origin", "List-Id", "List-Unsubscribe",
          "List-Unsubscribe-Post")


def assert_common_headers(mail: EmailMessage, kind: str) -> None:
    for name in COMMON:
        assert mail[name], f"{name} missing"
    assert mail.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in mail.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["X-Auto-Response-Suppress"] == "All"
    assert str(mail["X-Mailwall-Origin"]).startswith(kind)
    assert re.fullmatch(r"<[^<>@\s]+@mailwall\.localhost>", str(mail["Message-ID"]))
    assert mail["From"].addresses[0].addr_spec == SETTINGS.from_address
    unsubscribe = str(mail["List-Unsubscribe"])
    assert re.fullmatch(r"<https://mur\.lumiere-sa\.fr/unsubscribe/[\w.-]+>", unsubscribe)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Our own mail must be recognised as ours if it ever comes back.
    flags = parsers.parse(mail.as_bytes())
    assert flags.own_loop is not None


def test_a_digest_has_every_header_and_two_alternatives(world: World) -> None:
    mail = digest_for(world, ELODIE)
    assert_common_headers(mail, "digest")
    assert mail["From"].addresses[0].display_name == "Projet Atlas"
    assert str(mail["List-Id"]) == "Mailwall weekly digest <digest.atlas.mailwall.localhost>"


def test_a_notification_threads_under_its_post_and_answers_to_a_reply_address(
    world: World,
) -> None:
    send_notifications(world.sessions, SETTINGS, now=NOW)
    [mail] = world.mails_to(ELODIE, "notification")
    assert_common_headers(mail, "notification")
    assert mail["From"].addresses[0].display_name == "Projet Atlas"
    assert str(mail["Subject"]) == "Re: Planning du lot 2"
    assert str(mail["In-Reply-To"]) == "<planning-2@lumiere-sa.fr>"
    assert str(mail["References"]).split() == ["<planning-1@lumiere-sa.fr>",
                                               "<planning-2@lumiere-sa.fr>"]
    reply_to = mail["Reply-To"].addresses[0].addr_spec
    token = reply_to.split("+", 1)[1].split("@")[0]
    read = tokens.read_reply_token(SETTINGS.secret, token)
    assert read == tokens.ReplyToken(world.ids["answer"], world.ids["elodie"])
    text = text_part(mail)
    assert "Jérôme Dubois vous a répondu" in text
    assert "> Bonjour, Voici le planning du lot 2" in text
    assert "Écrivez « +1 » seul pour l'aimer." in text


def test_a_mention_names_who_mentioned_you_in_the_subject(world: World) -> None:
    send_notifications(world.sessions, SETTINGS, now=NOW)
    [mail] = world.mails_to(JEROME, "notification")
    assert str(mail["Subject"]) == ("Sarah Miller vous a mentionné·e dans "
                                    "Badges d'accès au chantier")


def test_a_moderation_notice_tells_managers_how_to_approve_or_reject(world: World) -> None:
    raw_id = held_message(world)
    send_moderation_notices(world.sessions, SETTINGS, now=NOW)
    [mail] = world.mails_to(ELODIE, "moderation")
    assert_common_headers(mail, "moderation")
    text = text_part(mail)
    assert "Un message de Jean Dupont <jean.dupont@fournisseur-exemple.fr> pour Projet Atlas" \
        in text
    assert f"mailwall queue release {raw_id}" in text
    assert f"mailwall queue reject {raw_id}" in text
    assert "approuver pour le publier" in text
    assert "Veuillez trouver notre devis" in balanced_text(html_part(mail))


def test_a_moderation_notice_can_be_answered_at_a_signed_address(world: World) -> None:
    from wall_store.tokens import read_moderation_token

    raw_id = held_message(world)
    send_moderation_notices(world.sessions, SETTINGS, now=NOW)
    [mail] = world.mails_to(ELODIE, "moderation")
    local, _, domain = str(mail["Reply-To"]).strip("<>").rpartition("@")
    assert local.startswith("moderate+") and domain == SETTINGS.domain
    token = read_moderation_token(SETTINGS.secret, local.split("+", 1)[1])
    assert token is not None and token.raw_id == raw_id


def test_a_manager_hears_once_about_each_held_message(world: World) -> None:
    held_message(world)
    assert send_moderation_notices(world.sessions, SETTINGS, now=NOW) == 1
    assert send_moderation_notices(world.sessions, SETTINGS, now=NOW) == 0
    assert world.mails_to(JEROME, "moderation") == []


def test_a_moderation_notice_reads_only_the_start_of_a_huge_held_message(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import email as stdlib_email

    from digests import moderation
    from gateway.intake import resolve_all, store_message
    from gateway.pipeline import Pipeline, Settings
    from wall_store import mappings
    from wall_store.models import MessageSource

    with world.sessions() as session, session.begin():
        mappings.add_address(session, "atlas", "atlas@lumiere-sa.fr")
        targets, _ = resolve_all(session, ["atlas@lumiere-sa.fr"], domain=DOMAIN,
                                 secret=SETTINGS.secret)
    params = "".join(f";\r\n x-{i:06d}=v" for i in range(100_000))  # as an IMAP mailbox holds it
    raw = (
        f"From: Jean Dupont <{OUTSIDER}>\r\nTo: atlas@lumiere-sa.fr\r\n"
        "Subject: Devis luminaires hall B\r\nMessage-ID: <devis-geant@fournisseur-exemple.fr>\r\n"
        f"Content-Type: text/plain; charset=utf-8{params}\r\n\r\n"
        "Bonjour,\r\n\r\nVeuillez trouver notre devis pour les luminaires du hall B.\r\n"
    ).encode() + b"\r\n" * 2_000_000
    store_message(world.sessions, raw, source=MessageSource.IMAP, envelope_from=OUTSIDER,
                  envelope_to=["atlas@lumiere-sa.fr"], targets=targets)
    [result] = Pipeline(world.sessions, Settings(domain=DOMAIN, secret=SETTINGS.secret)).drain()
    assert result.reason.code == "non_member_held", result
    seen: list[int] = []
    original = stdlib_email.message_from_bytes

    def counting(data: bytes, *args: object, **kwargs: object) -> object:
        seen.append(len(data))
        return original(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stdlib_email, "message_from_bytes", counting)
    assert send_moderation_notices(world.sessions, SETTINGS, now=NOW) == 1
    assert seen and max(seen) <= moderation.PREVIEW_BYTES
    [mail] = world.mails_to(ELODIE, "moderation")
    assert "Devis luminaires hall B" in str(mail["Subject"]) + text_part(mail)
