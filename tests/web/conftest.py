"""A wall with two communities, filled through the real intake and pipeline.

`atlas` is public (moderated for non-members), `rh` is private. Élodie manages
both, François is a member of both, Sarah (external partner) of atlas only,
and Paul belongs to neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from gateway.intake import resolve_all, store_message
from gateway.pipeline import Pipeline, Settings
from wall_store import communities, documents, mappings, people, tokens
from wall_store.config import SECRET_ENV, Config, build
from wall_store.models import MessageSource, Person, Post, PostAttachment, Thread
from web.app import create_app

SECRET = "w" * 48
DOMAIN = "wall.corp.example"
MANAGER = "elodie.martin@corp.example"
MEMBER = "francois.lefevre@corp.example"
EXTERNAL = "sarah.miller@partner.example"
OUTSIDER = "paul.bernard@corp.example"
OPS = "ops@corp.example"
CSRF = "csrf-of-the-test-session"
PARIS = ZoneInfo("Europe/Paris")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
       b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
       b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def mail(subject: str, body: str, *, sender: str = MANAGER, to: str = f"atlas@{DOMAIN}",
         html: str | None = None, image_cid: str | None = None,
         attachment: tuple[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    # Written a few minutes before it arrives, whatever the day the tests run.
    msg["Date"] = format_datetime(datetime.now(PARIS) - timedelta(minutes=5))
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
        if image_cid:
            msg.get_payload()[1].add_related(PNG, "image", "png", cid=f"<{image_cid}>")
    if attachment:
        msg.add_attachment(attachment[1], maintype="application", subtype="pdf",
                           filename=attachment[0])
    return bytes(msg)


@dataclass
class Wall:
    config: Config
    sessions: sessionmaker[Session]
    pipeline: Pipeline

    def deliver(self, raw: bytes, to: str = f"atlas@{DOMAIN}",
                mail_from: str = MANAGER) -> list[int]:
        with self.sessions() as session:
            targets, refusals = resolve_all(session, [to], domain=DOMAIN, secret=SECRET.encode())
        assert targets, refusals
        ids = store_message(self.sessions, raw, source=MessageSource.SMTP,
                            envelope_from=mail_from, envelope_to=[to], targets=targets)
        self.pipeline.drain()
        return ids

    def person_id(self, address: str) -> int:
        with self.sessions() as session:
            person = people.find_person(session, address)
            assert person is not None
            return person.id

    def client(self, address: str | None) -> TestClient:
        """A browser signed in as `address` (None: an anonymous visitor who has a CSRF token)."""
        client = TestClient(create_app(self.config, self.sessions), follow_redirects=False,
                            base_url="http://127.0.0.1:8025")
        person = self.person_id(address) if address else None
        client.cookies.set("mailwall_session", tokens.sign(
            SECRET.encode(), tokens.SESSION, {"p": person, "c": CSRF}))
        return client

    def thread_id(self, slug: str, subject: str) -> int:
        with self.sessions() as session:
            c = communities.get_community(session, slug)
            found = session.scalar(select(Thread.id).where(Thread.community_id == c.id,
                                                          Thread.subject == subject))
            assert found is not None
            return found

    def posts(self, thread_id: int) -> list[Post]:
        with self.sessions() as session:
            return list(session.scalars(select(Post).where(Post.thread_id == thread_id)
                                        .order_by(Post.id)))

    def attachment_id(self, thread_id: int) -> int:
        with self.sessions() as session:
            found = session.scalar(
                select(PostAttachment.id).join(Post, Post.id == PostAttachment.post_id)
                .where(Post.thread_id == thread_id, PostAttachment.blob_sha256.is_not(None)))
            assert found is not None
            return found


def make_config(database_url: str, **web: str) -> Config:
    return build({"database": {"url": database_url},
                  "smtp": {"domain": DOMAIN},
                  "web": {"ops_addresses": OPS, **web}}, {}, None)


def populate(session: Session) -> None:
    communities.create_community(session, "atlas", name="Projet Atlas", kind="project",
                                 policy="moderate")
    communities.add_channel(session, "atlas", "lot-1")
    mappings.add_address(session, "atlas", f"atlas@{DOMAIN}")
    communities.create_community(session, "rh", name="RH confidentiel", kind="team",
                                 private=True, policy="reject")
    mappings.add_address(session, "rh", f"rh@{DOMAIN}")
    people.add_member(session, "atlas", MANAGER, name="Élodie Martin", role="manager")
    people.add_member(session, "rh", MANAGER, name="Élodie Martin", role="manager")
    people.add_member(session, "atlas", MEMBER, name="François Lefèvre", role="member")
    people.add_member(session, "rh", MEMBER, name="François Lefèvre", role="member")
    people.add_member(session, "atlas", EXTERNAL, name="Sarah Miller", role="external")
    people.ensure_person(session, OUTSIDER, "Paul Bernard")
    ops = people.ensure_person(session, OPS, "Équipe exploitation")
    ops.locale = "fr"
    rh = communities.get_community(session, "rh")
    documents.file_version(session, rh.id, "grille-salaires-2027.pdf", b"%PDF-1.4 confidentiel",
                           content_type="application/pdf", uploaded_by=None, post_id=None)
    atlas = communities.get_community(session, "atlas")
    documents.file_version(session, atlas.id, "planning-recette.pdf", b"%PDF-1.4 planning v1",
                           content_type="application/pdf", uploaded_by=None, post_id=None)


@pytest.fixture
def wall(sessions: sessionmaker[Session], database_url: str,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Wall]:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    with sessions() as session, session.begin():
        populate(session)
    settings = Settings(domain=DOMAIN, secret=SECRET.encode())
    w = Wall(make_config(database_url), sessions, Pipeline(sessions, settings))
    w.deliver(mail("Comité de pilotage : ordre du jour",
                   "Bonjour à tous,\n\nVoici l'ordre du jour du comité de jeudi.\n",
                   html="<p>Bonjour à tous,</p><p>Voici l'ordre du jour.</p>"
                        '<img src="cid:logo-atlas@corp.example" alt="logo">',
                   image_cid="logo-atlas@corp.example"))
    w.deliver(mail("Entretiens annuels", "Le calendrier des entretiens annuels est fixé.",
                   to=f"rh@{DOMAIN}", attachment=("calendrier-entretiens.pdf", b"%PDF-1.4 cal")),
              to=f"rh@{DOMAIN}")
    yield w


def person_by(sessions: sessionmaker[Session], address: str) -> Person:
    with sessions() as session:
        found = people.find_person(session, address)
        assert found is not None
        return found
