from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from tests.services import service_missing
from wall_store import migrate
from wall_store.db import make_engine, session_factory

PG_ENV = "MAILWALL_TEST_DATABASE_URL"
CORPORA = Path(
    os.environ.get("MAILWALL_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora")
)


def _postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        service_missing(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://127.0.0.1/test)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind; PostgreSQL gets a schema of its own per test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'mailwall.db'}"
        return
    request.applymarker(pytest.mark.integration)
    base = _postgres_url()
    schema = f"mw_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no server"
        admin.dispose()
        service_missing(f"PostgreSQL at {base} is not reachable: {exc}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)
