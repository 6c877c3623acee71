"""Archive import tests: shared helpers (realistic mail from benchmarks.mailgen)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.mailgen import write_mbox
from gateway.pipeline import Pipeline, Settings
from wall_store import communities, people
from wall_store.models import RawMessage
from wall_store.wall import wall_view

SECRET = b"s" * 48
DOMAIN = "wall.corp.example"


def atlas(sessions: sessionmaker[Session]) -> Pipeline:
    """The Atlas project (non-members moderated, as is the default) and a pipeline on it."""
    with sessions() as session, session.begin():
        communities.create_community(session, "atlas", name="Projet Atlas", kind="project",
                                     policy="moderate")
        communities.add_channel(session, "atlas", "lot-3")
        people.add_member(session, "atlas", "elodie.martin@corp.example", name="Élodie Martin",
                          role="manager")
    return Pipeline(sessions, Settings(domain=DOMAIN, secret=SECRET))


def mbox(path: Path, raws: Iterable[bytes]) -> Path:
    write_mbox(path, raws)
    return path


def wall(sessions: sessionmaker[Session], slug: str = "atlas") -> dict[str, Any]:
    with sessions() as session:
        return wall_view(session, slug, limit=10_000)


def posts(sessions: sessionmaker[Session], slug: str = "atlas") -> list[dict[str, Any]]:
    return [p for t in wall(sessions, slug)["threads"] for p in t["posts"]]


def raw_rows(sessions: sessionmaker[Session]) -> list[RawMessage]:
    with sessions() as session:
        return list(session.scalars(select(RawMessage).order_by(RawMessage.id)))
