"""Hostile mail stays text; sign-in leaks nothing and redirects only inside the site;
downloads cannot act as pages; forms need their CSRF token."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from tests.web.conftest import CSRF, MANAGER, MEMBER, Wall, mail
from wall_store.models import (
    Decision,
    DecisionChannel,
    MessageStatus,
    OutboxMessage,
    RawMessage,
)

XSS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">cliquez ici</a>',
    "<svg/onload=alert(1)>",
    '"><iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("payload", XSS)
def test_hostile_markup_sent_by_mail_is_shown_as_text_and_never_as_markup(
        wall: Wall, payload: str) -> None:
    wall.deliver(mail(f"Question {payload}", f"Bonjour, voici le lien : {payload}",
                      html=f"<p>Bonjour, voici le lien : {payload}</p>"))
    client = wall.client(MEMBER)
    thread = wall.thread_id("atlas", f"Question {payload}")
    for url in (f"/c/atlas/t/{thread}", "/c/atlas", "/search?q=lien", "/c/atlas/feed.atom"):
        body = client.get(url).text
        assert payload not in body, url
        assert active_markup(body) == [], url


class Markup(HTMLParser):
    """Collects whatever a browser would run or load from the page's own markup."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "style", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def active_markup(html: str) -> list[str]:
    parser = Markup()
    parser.feed(html)
    return parser.found


def test_pages_forbid_every_script_by_content_security_policy(wall: Wall) -> None:
    response = wall.client(MEMBER).get("/c/atlas")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "script-src" not in response.headers["content-security-policy"]


def test_a_sign_in_request_is_answered_the_same_for_known_and_unknown_addresses(
        wall: Wall) -> None:
    client = wall.client(None)
    known = client.post("/login", data={"csrf": CSRF, "email": MEMBER})
    unknown = client.post("/login", data={"csrf": CSRF, "email": "inconnu@ailleurs.example"})
    assert (known.status_code, known.text) == (unknown.status_code, unknown.text)
    with wall.sessions() as session:
        recipients = session.scalars(select(OutboxMessage.recipient)
                                     .where(OutboxMessage.kind == "sign-in")).all()
    assert recipients == [MEMBER]


def test_sign_in_requests_for_one_address_are_limited(wall: Wall) -> None:
    client = wall.client(None)
    codes = [client.post("/login", data={"csrf": CSRF, "email": MEMBER}).status_code
             for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    with wall.sessions() as session:
        assert session.scalar(select(func.count(OutboxMessage.id))) == 5


def test_a_sign_in_link_works_once_and_never_redirects_off_site(wall: Wall) -> None:
    from wall_store import people, signin

    with wall.sessions() as session, session.begin():
        person = people.find_person(session, MEMBER)
        assert person is not None
        token = signin.issue_token(session, person)
    client = wall.client(None)
    assert client.get(f"/login/{token}").status_code == 200
    first = client.post(f"/login/{token}", data={"csrf": CSRF, "next": "//evil.example/x"})
    assert (first.status_code, first.headers["location"]) == (303, "/")
    assert "httponly" in first.headers["set-cookie"].lower()
    assert "samesite=lax" in first.headers["set-cookie"].lower()
    again = wall.client(None).post(f"/login/{token}", data={"csrf": CSRF, "next": "/"})
    assert again.status_code == 410


def test_a_form_without_its_csrf_token_is_refused(wall: Wall) -> None:
    thread = wall.thread_id("atlas", "Comité de pilotage : ordre du jour")
    response = wall.client(MEMBER).post(f"/c/atlas/t/{thread}/reply",
                                        data={"csrf": "devine", "text": "Piraté"})
    assert response.status_code == 403
    assert [p.text for p in wall.posts(thread) if p.text == "Piraté"] == []


def test_an_uploaded_html_file_downloads_as_an_attachment_that_cannot_run(wall: Wall) -> None:
    client = wall.client(MANAGER)
    client.post("/c/atlas/documents", data={"csrf": CSRF},
                files={"file": ("rapport.html", b"<script>alert(1)</script>", "text/html")})
    response = client.get("/c/atlas/documents/v/1/rapport.html")
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith('attachment; filename="rapport.html"')


def test_a_manager_approval_on_the_web_is_posted_by_the_pipeline(wall: Wall) -> None:
    [raw_id] = wall.deliver(mail("Proposition de partenariat", "Bonjour, je propose un atelier.",
                                 sender="camille.roux@fournisseur.example"),
                            mail_from="camille.roux@fournisseur.example")
    client = wall.client(MANAGER)
    assert "Proposition de partenariat" in client.get("/c/atlas/moderation").text
    response = client.post(f"/c/atlas/moderation/{raw_id}",
                           data={"csrf": CSRF, "decision": "approve"})
    assert response.status_code == 303
    wall.pipeline.drain()
    assert "Proposition de partenariat" in client.get("/c/atlas").text
    assert "Proposition de partenariat" not in client.get("/c/atlas/moderation").text


def test_a_manager_refusal_on_the_web_records_who_refused(wall: Wall) -> None:
    [raw_id] = wall.deliver(mail("Offre spéciale", "Profitez de -50 % sur nos licences.",
                                 sender="vente@editeur.example"),
                            mail_from="vente@editeur.example")
    client = wall.client(MANAGER)
    client.post(f"/c/atlas/moderation/{raw_id}", data={"csrf": CSRF, "decision": "reject"})
    wall.pipeline.drain()
    with wall.sessions() as session:
        row = session.get(RawMessage, raw_id)
        assert row is not None
        assert (row.status, row.decision, row.decided_via) == (
            MessageStatus.REJECTED, Decision.REJECT, DecisionChannel.WEB)
        assert row.decided_by == MANAGER


def test_a_name_saved_on_the_me_page_is_kept_on_one_line(wall: Wall) -> None:
    """It goes into the To: of every mail she gets: a line break there would be a header."""
    from tests.web.conftest import person_by

    client = wall.client(MEMBER)
    saved = client.post("/me", data={"csrf": CSRF, "name": "François\r\nBcc: victim@evil.example",
                                     "locale": "fr", "digest": "weekly", "notifications": "on"})
    assert saved.status_code == 303
    assert person_by(wall.sessions, MEMBER).display_name == "François Bcc: victim@evil.example"
