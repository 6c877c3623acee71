"""Engines and sessions for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def _sqlite_pragmas(synchronous: str) -> Callable[[Any, Any], None]:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets the web and the gateway read while a worker writes; the busy
        # timeout makes concurrent writers wait, not fail. `synchronous`: see make_engine.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return apply


def _postgres_async_commit(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("SET synchronous_commit TO off")
    cursor.close()
    dbapi_connection.commit()


def make_engine(url: str, *, durable: bool = True, **kwargs: Any) -> Engine:
    """An engine whose commits are on disk when they return (`durable`, the default).

    `durable=False` is for the pipeline workers only (gateway/server.py). Their
    commits still survive a process crash (kill -9): SQLite's WAL has them in the
    OS page cache and PostgreSQL's WAL buffers are the server's. Only a power cut
    or an OS crash can lose the last few, and losing them loses nothing that
    matters: the raw message was committed durably by the intake (this engine's
    `durable=True` twin, synchronous=FULL) before its `250`, and a lost pipeline
    commit leaves that row `received` or `processing`, which the next start
    (`queue.release_stale_claims` on SQLite) or the claim lease hands to a worker
    again; the pipeline is idempotent (posts unique per community and Message-ID),
    so redoing it gives the same posts, once. WAL keeps the order of commits, so a
    lost commit never leaves a later one without the earlier ones it built on.
    It saves one or two fsyncs per message.
    """
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we install; the bare scheme would ask for psycopg2.
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        # synchronous=FULL makes a commit survive power loss, which the `250` promise needs.
        event.listen(engine, "connect", _sqlite_pragmas("FULL" if durable else "NORMAL"))
    elif engine.dialect.name == "postgresql" and not durable:
        event.listen(engine, "connect", _postgres_async_commit)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with factory() as session, session.begin():
        yield session
