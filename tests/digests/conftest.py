"""A small company's week on the wall, and the settings digests are sent with.

`world` holds the Projet Atlas community (public: Élodie manages it, Jérôme and
Sarah are members, Sarah reads English) and the private Direction community
(Élodie only), with a week of threads, replies, mentions, likes and documents.
Every date is fixed relative to NOW (Monday 16 November 2026, 08:00 in Paris),
so that the weekly digest is due: the install and its members date from two months
before, and each post reached the wall at its own date.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from digests.run import JOB
from digests.settings import MailSettings
from wall_store import communities, documents, jobs, notifications, people, wall
from wall_store.blobs import get_blob
from wall_store.models import (
    Like,
    Membership,
    Mention,
    OutboxMessage,
    Person,
    Post,
    PostSource,
    Thread,
)

NOW = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # 08:00 in Paris, a Monday
DOMAIN = "mailwall.localhost"
SETTINGS = MailSettings(domain=DOMAIN, secret=b"k" * 48, base_url="https://mur.lumiere-sa.fr",
                        from_address=f"mailwall@{DOMAIN}")
ELODIE = "elodie.martin@lumiere-sa.fr"
JEROME = "jerome.dubois@lumiere-sa.fr"
SARAH = "sarah.miller@partner.example"


@dataclass
class World:
    sessions: sessionmaker[Session]
    ids: dict[str, int] = field(default_factory=dict)

    def person(self, address: str) -> Person:
        with self.sessions() as session:
            found = people.find_person(session, address)
            assert found is not None
            return found

    def outbox(self, kind: str | None = None) -> list[OutboxMessage]:
        with self.sessions() as session:
            query = select(OutboxMessage).order_by(OutboxMessage.id)
            if kind:
                query = query.where(OutboxMessage.kind == kind)
            return list(session.scalars(query))

    def mail(self, row: OutboxMessage) -> EmailMessage:
        with self.sessions() as session:
            raw = get_blob(session, row.blob_sha256)
        assert raw is not None
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def mails_to(self, address: str, kind: str | None = None) -> list[EmailMessage]:
        return [self.mail(r) for r in self.outbox(kind) if r.recipient == address]


def post(session: Session, thread: Thread, author: Person, text: str, at: datetime,
         message_id: str, parent: Post | None = None, mentions: tuple[Person, ...] = ()
         ) -> Post:
    row = wall.add_post(session, thread, author=author, source=PostSource.EMAIL,
                        message_id=message_id, text=text, created_at=at, parent=parent)
    row.received_at = at  # on the clock the test runs on, like the post's own date
    for person in mentions:
        session.add(Mention(post_id=row.id, person_id=person.id))
    session.flush()
    notifications.note_new_post(session, row)
    return row


def build_world(session: Session) -> dict[str, int]:
    atlas = communities.create_community(session, "atlas", name="Projet Atlas", kind="project")
    direction = communities.create_community(session, "direction", name="Comité de direction",
                                             kind="team", private=True)
    elodie = people.add_member(session, "atlas", ELODIE, name="Élodie Martin",
                               role="manager")[0].person
    jerome = people.add_member(session, "atlas", JEROME, name="Jérôme Dubois")[0].person
    sarah = people.add_member(session, "atlas", SARAH, name="Sarah Miller")[0].person
    sarah.locale = "en"
    people.add_member(session, "direction", ELODIE, name="Élodie Martin", role="manager")

    planning = wall.start_thread(session, atlas, subject="Planning du lot 2",
                                 normalized_subject="planning du lot 2", started_by=elodie,
                                 at=NOW - timedelta(days=4))
    first = post(session, planning, elodie, "Bonjour,\n\nVoici le planning du lot 2 : "
                 "livraison des luminaires le 24, recette le 27.", NOW - timedelta(days=4),
                 "planning-1@lumiere-sa.fr")
    answer = post(session, planning, jerome, "Merci Élodie, le 24 me va. Je préviens "
                  "l'équipe de réception.", NOW - timedelta(days=3), "planning-2@lumiere-sa.fr",
                  parent=first)
    session.add(Like(post_id=first.id, person_id=jerome.id, source=PostSource.WEB,
                     created_at=NOW - timedelta(days=3)))
    session.add(Like(post_id=first.id, person_id=sarah.id, source=PostSource.EMAIL,
                     created_at=NOW - timedelta(days=2)))

    badges = wall.start_thread(session, atlas, subject="Badges d'accès au chantier",
                               normalized_subject="badges d'acces au chantier",
                               started_by=sarah, at=NOW - timedelta(days=2))
    post(session, badges, sarah, "Hello, who hands out the site badges? @Jérôme Dubois",
         NOW - timedelta(days=2), "badges-1@partner.example", mentions=(jerome,))

    secret = wall.start_thread(session, direction, subject="Budget confidentiel 2027",
                               normalized_subject="budget confidentiel 2027",
                               started_by=elodie, at=NOW - timedelta(days=1))
    post(session, secret, elodie, "Projet de budget : réduction de 12 % des frais de "
         "déplacement.", NOW - timedelta(days=1), "budget-1@lumiere-sa.fr")

    version, _ = documents.file_version(session, atlas.id, "planning-lot2.xlsx", b"v1",
                                        content_type="application/vnd.ms-excel",
                                        uploaded_by=elodie, post_id=first.id)
    version.created_at = NOW - timedelta(days=4)
    version2, _ = documents.file_version(session, atlas.id, "planning-lot2.xlsx", b"v2",
                                         content_type="application/vnd.ms-excel",
                                         uploaded_by=jerome, post_id=answer.id)
    version2.created_at = NOW - timedelta(days=1)
    installed = NOW - timedelta(days=60)
    session.execute(update(Membership).values(created_at=installed))
    jobs.record_run(session, JOB, installed)
    session.flush()
    return {"atlas": atlas.id, "direction": direction.id, "elodie": elodie.id,
            "jerome": jerome.id, "sarah": sarah.id, "planning": planning.id,
            "badges": badges.id, "secret": secret.id, "first": first.id, "answer": answer.id}


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    with sessions() as session, session.begin():
        ids = build_world(session)
    return World(sessions, ids)


def text_part(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_part(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


OUTSIDER = "jean.dupont@fournisseur-exemple.fr"
ATLAS = "atlas@lumiere-sa.fr"


def deliver(world: World, msg: EmailMessage, sender: str) -> tuple[int, str]:
    """Through the real intake and pipeline, now: (raw message id, reason code)."""
    from gateway.intake import resolve_all, store_message
    from gateway.pipeline import Pipeline, Settings
    from wall_store import mappings
    from wall_store.models import MessageSource

    with world.sessions() as session, session.begin():
        if mappings.find_address(session, ATLAS) is None:
            mappings.add_address(session, "atlas", ATLAS)
    with world.sessions() as session:
        targets, _ = resolve_all(session, [ATLAS], domain=DOMAIN, secret=SETTINGS.secret)
    [raw_id] = store_message(world.sessions, bytes(msg), source=MessageSource.SMTP,
                             envelope_from=sender, envelope_to=[ATLAS], targets=targets)
    [result] = Pipeline(world.sessions, Settings(domain=DOMAIN, secret=SETTINGS.secret)).drain()
    return raw_id, result.reason.code


def held_message(world: World) -> int:
    """A mail from a non-member to Projet Atlas, held by the community's policy."""
    msg = EmailMessage()
    msg["From"] = f"Jean Dupont <{OUTSIDER}>"
    msg["To"] = ATLAS
    msg["Subject"] = "Devis luminaires hall B"
    msg["Message-ID"] = "<devis-hall-b@fournisseur-exemple.fr>"
    msg["Date"] = "Mon, 16 Nov 2026 07:30:00 +0100"
    msg.set_content("Bonjour,\n\nVeuillez trouver notre devis pour les luminaires du hall B."
                    "\n\nJean Dupont")
    raw_id, reason = deliver(world, msg, OUTSIDER)
    assert reason == "non_member_held", reason
    return raw_id
