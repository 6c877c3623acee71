"""Full-text search over posts, limited to the communities a person may read.

SQLite uses the FTS5 table of migration 0005; PostgreSQL the GIN expression
index on `to_tsvector('simple', text)` (the query must repeat that expression
exactly for the planner to use the index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, column, func, literal_column, select, text
from sqlalchemy.orm import Session

from wall_store.models import Community, Person, Post, Thread
from wall_store.web_queries import readable_community_ids

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    post_id: int
    thread_id: int
    community_slug: str
    community_name: str
    subject: str
    author: str
    created_at: datetime
    excerpt: str


def fts5_query(q: str) -> str:
    """Words as quoted FTS5 strings, all required: user input never reaches FTS5 syntax."""
    return " ".join(f'"{w}"' for w in WORD.findall(q)[:12])


def search_posts(session: Session, person_id: int, q: str, *, limit: int = 30) -> list[Hit]:
    if not WORD.search(q):
        return []
    readable = readable_community_ids(person_id)
    query = (
        select(Post, Thread.subject, Community.slug, Community.name, Person.display_name,
               Person.primary_address)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Community, Community.id == Post.community_id)
        .join(Person, Person.id == Post.author_id)
        .where(Post.community_id.in_(readable))
        .order_by(Post.created_at.desc())
        .limit(limit)
    )
    if session.get_bind().dialect.name == "sqlite":
        matches = text("SELECT rowid FROM posts_fts WHERE posts_fts MATCH :q").bindparams(
            q=fts5_query(q)
        ).columns(column("rowid", Integer))
        query = query.where(Post.id.in_(matches))
    else:
        simple = literal_column("'simple'")
        query = query.where(
            func.to_tsvector(simple, Post.text).op("@@")(func.plainto_tsquery(simple, q))
        )
    return [
        Hit(post.id, post.thread_id, slug, name, subject, display or address, post.created_at,
            _excerpt(post.text, q))
        for post, subject, slug, name, display, address in session.execute(query)
    ]


def _excerpt(body: str, q: str, width: int = 220) -> str:
    words = [w.casefold() for w in WORD.findall(q)]
    folded = body.casefold()
    at = min((i for i in (folded.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = " ".join(body[start:start + width].split())
    return ("… " if start else "") + piece + (" …" if start + width < len(body) else "")
