"""Alembic environment: runs on the engine handed over by wall_store.migrate."""

from __future__ import annotations

from alembic import context

from wall_store.models import Base

config = context.config
target_metadata = Base.metadata

# Full-text search objects (migration 0005) are dialect-specific DDL that the
# models cannot describe: an FTS5 table and its shadow tables on SQLite, an
# expression index on PostgreSQL. Autogenerate must not propose dropping them.
SEARCH_OBJECTS = ("posts_fts", "ix_posts_fts")


def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    return not (reflected and name is not None and name.startswith(SEARCH_OBJECTS))


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things: batch mode copies the table.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
