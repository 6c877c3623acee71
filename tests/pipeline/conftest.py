from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gateway.intake import Refusal, resolve_all, store_message
from gateway.pipeline import Pipeline, Result, Settings
from parsers import parse
from wall_store import communities, mappings, people
from wall_store.base import utcnow
from wall_store.models import MessageSource, OutboxMessage, Post, RawMessage

SECRET = b"s" * 48
DOMAIN = "wall.corp.example"


@dataclass
class Gateway:
    """Intake and pipeline in-process, on a store with the Atlas project community."""

    sessions: sessionmaker[Session]
    pipeline: Pipeline

    def deliver(self, raw: bytes, *recipients: str, mail_from: str = "sender@corp.example",
                source: MessageSource = MessageSource.SMTP,
                peer_ip: str | None = None) -> list[int]:
        recipients = recipients or ("atlas@corp.example",)
        with self.sessions() as session:
            targets, refusals = resolve_all(session, list(recipients), domain=DOMAIN,
                                            secret=SECRET)
        assert targets, f"every recipient refused: {refusals}"
        return store_message(self.sessions, raw, source=source, envelope_from=mail_from,
                             envelope_to=list(recipients), targets=targets, peer_ip=peer_ip)

    def refusals(self, *recipients: str) -> dict[str, Refusal]:
        with self.sessions() as session:
            return resolve_all(session, list(recipients), domain=DOMAIN, secret=SECRET)[1]

    def run(self) -> list[Result]:
        return self.pipeline.drain()

    def raw(self, raw_id: int) -> RawMessage:
        with self.sessions() as session:
            row = session.get(RawMessage, raw_id)
            assert row is not None
            return row

    def posts(self, community: str = "atlas") -> list[Post]:
        with self.sessions() as session:
            c = communities.get_community(session, community)
            return list(session.scalars(
                select(Post).where(Post.community_id == c.id).order_by(Post.id)))

    def outbox(self) -> list[OutboxMessage]:
        with self.sessions() as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def parser_failing_on(marker: bytes, message: str = "parser crashed on this one"
                      ) -> Callable[..., object]:
    """The real parser, except that it raises for mail containing `marker`: a deliberate
    fault, to show one broken message does not stop the others."""

    def fragile(raw: bytes, **kwargs: object) -> object:
        if marker in raw:
            raise RuntimeError(message)
        return parse(raw, **kwargs)  # type: ignore[arg-type]

    return fragile


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"domain": DOMAIN, "secret": SECRET,
                                 "retry_base": timedelta(0), "max_attempts": 3,
                                 "trusted_authserv_ids": ("mx.corp.example",)}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def populate(session: Session) -> None:
    communities.create_community(session, "atlas", name="Projet Atlas", kind="project",
                                 policy="moderate")
    communities.add_channel(session, "atlas", "lot-1")
    mappings.add_address(session, "atlas", "atlas@corp.example")
    communities.create_community(session, "qualite", name="Qualité", kind="team",
                                 policy="reject")
    mappings.add_address(session, "qualite", "qualite@corp.example")
    communities.create_community(session, "entraide", name="Entraide", kind="support",
                                 policy="accept")
    mappings.add_address(session, "entraide", "entraide@corp.example")
    for slug in ("atlas", "qualite"):
        people.add_member(session, slug, "elodie.martin@corp.example", name="Élodie Martin",
                          role="manager")
        people.add_member(session, slug, "jerome.dubois@corp.example", name="Jérôme Dubois")
    people.add_member(session, "atlas", "sarah.miller@partner.example", name="Sarah Miller",
                      role="external")


@pytest.fixture
def gateway(sessions: sessionmaker[Session]) -> Gateway:
    with sessions() as session, session.begin():
        populate(session)
    return Gateway(sessions, Pipeline(sessions, make_settings()))


@pytest.fixture
def gateway_with_parser(
    sessions: sessionmaker[Session],
) -> Callable[[Callable[..., object]], Gateway]:
    def build(parser: Callable[..., object]) -> Gateway:
        with sessions() as session, session.begin():
            populate(session)
        return Gateway(sessions, Pipeline(sessions, make_settings(), parser=parser))  # type: ignore[arg-type]

    return build


def mail(
    *,
    sender: str = "Élodie Martin <elodie.martin@corp.example>",
    to: str = "atlas@corp.example",
    subject: str = "Comité de pilotage : ordre du jour",
    body: str = "Bonjour,\n\nVoici l'ordre du jour du comité de jeudi.\n\nCordialement,\nÉlodie",
    message_id: str | None = "copil-1@corp.example",
    headers: Sequence[tuple[str, str]] = (),
    date: str | None = None,
) -> bytes:
    """A mail as a client writes it; dated two hours ago (Paris time) unless `date` says,
    so that nothing depends on the day the tests run (the subject window counts from now)."""
    from email.message import EmailMessage
    from email.utils import format_datetime
    from zoneinfo import ZoneInfo

    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date or format_datetime(
        (utcnow() - timedelta(hours=2)).astimezone(ZoneInfo("Europe/Paris")).replace(microsecond=0))
    if message_id:
        msg["Message-ID"] = f"<{message_id}>"
    for name, value in headers:
        msg[name] = value
    msg.set_content(body)
    return bytes(msg)


__all__ = ["parse"]
