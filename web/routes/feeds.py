"""Atom feeds. A feed reader has no session cookie, so the link carries a signed FEED token
naming the person; it is checked against that person's access on every fetch, so leaving a
private community ends the feed too."""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from wall_store import links, tokens, web_queries
from wall_store.models import Person
from web.context import NotFoundError, Page


def _rfc3339(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def feed(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        token = request.query_params.get("token")
        if token:
            payload = tokens.unsign(page.web.secret, tokens.FEED, token)
            person_id = payload.get("p") if payload and payload.get("s") == slug else None
            if not isinstance(person_id, int) or page.db.get(Person, person_id) is None:
                raise NotFoundError()
        else:
            person_id = page.require_person().id
        found = web_queries.access(page.db, person_id, slug)
        if found is None:
            raise NotFoundError()
        base = page.web.base_url
        items = web_queries.recent_posts(page.db, found.community)
        updated = items[0][0].created_at if items else found.community.created_at
        parts = [
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
            f"<title>{escape(found.community.name)}</title>",
            f"<id>{escape(links.community_url(base, slug))}</id>",
            f'<link rel="alternate" href="{escape(links.community_url(base, slug))}"/>',
            f"<updated>{_rfc3339(updated)}</updated>",
        ]
        for post, thread, author in items:
            url = links.thread_url(base, slug, thread.id, post.id)
            # Text only: the Atom consumer gets escaped text, never mail HTML.
            parts += [
                "<entry>",
                f"<title>{escape(thread.subject)}</title>",
                f"<id>{escape(url)}</id>",
                f'<link rel="alternate" href="{escape(url)}"/>',
                f"<author><name>{escape(author)}</name></author>",
                f"<updated>{_rfc3339(post.created_at)}</updated>",
                f'<content type="text">{escape(post.text)}</content>',
                "</entry>",
            ]
        parts.append("</feed>")
        return Response("\n".join(parts), media_type="application/atom+xml; charset=utf-8")


routes = [Route("/c/{slug}/feed.atom", feed, methods=["GET"])]
