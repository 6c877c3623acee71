"""Reading: home, a community's wall, a thread, documents, members, search."""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from wall_store import documents, links, search, tokens, web_queries
from wall_store.blobs import get_blob
from wall_store.errors import NotFound
from web.context import NotFoundError, Page
from web.download import file_response

PAGE_SIZE = 30
# Sanitised mail HTML keeps only `cid:` image sources (parsers/html_text.py); those are
# pointed at the post's own attachments here.
CID_SRC = re.compile(r'src="cid:([^"]*)"', re.IGNORECASE)


def health(_request: Request) -> Response:
    return PlainTextResponse("ok")


def home(request: Request) -> Response:
    with Page(request) as page:
        person = page.require_person()
        cards = web_queries.home(page.db, person.id)
        return page.render("home.html", {
            "mine": [c for c in cards if c.role], "others": [c for c in cards if not c.role],
        })


def feed_link(page: Page, slug: str) -> str:
    assert page.person is not None
    token = tokens.sign(page.web.secret, tokens.FEED, {"p": page.person.id, "s": slug})
    return links.feed_url(page.web.base_url, slug, token)


def community(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        found = page.community(slug)
        channel = request.query_params.get("channel") or None
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            offset = 0
        threads = web_queries.wall(page.db, found.community, channel=channel, limit=PAGE_SIZE,
                                   offset=offset)
        return page.render("wall.html", {
            "access": found, "c": found.community, "threads": threads, "channel": channel,
            "channels": web_queries.channels(page.db, found.community.id),
            "offset": offset, "page_size": PAGE_SIZE, "feed": feed_link(page, slug),
        })


def rewrite_cids(html: str, slug: str, thread_id: int, by_cid: dict[str, int]) -> Markup:
    def replace(match: re.Match[str]) -> str:
        attachment_id = by_cid.get(match.group(1).strip("<>").lower())
        if attachment_id is None:
            return 'src=""'
        return f'src="/c/{quote(slug)}/t/{thread_id}/a/{attachment_id}"'

    # html_safe was sanitised by nh3 when the mail was parsed; it is the only mail HTML
    # ever marked safe.
    return Markup(CID_SRC.sub(replace, html))  # noqa: S704


def thread(request: Request) -> Response:
    slug, thread_id = request.path_params["slug"], request.path_params["thread_id"]
    with Page(request) as page:
        found = page.community(slug)
        assert page.person is not None
        result = web_queries.thread(page.db, found.community, thread_id, page.person.id)
        if result is None:
            raise NotFoundError()
        row, posts = result
        html = {}
        for view in posts:
            if view.post.html_safe:
                by_cid = {a.content_id.strip("<>").lower(): a.id for a in view.attachments
                          if a.content_id and a.blob_sha256}
                html[view.post.id] = rewrite_cids(view.post.html_safe, slug, row.id, by_cid)
        with page.write():
            from wall_store import web_actions

            web_actions.record_visit(page.db, page.person.id, found.community.id, row.id)
        return page.render("thread.html", {
            "access": found, "c": found.community, "thread": row, "posts": posts, "html": html,
        })


def attachment(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        found = page.community(slug)
        row = web_queries.attachment(page.db, found.community, request.path_params["thread_id"],
                                     request.path_params["attachment_id"])
        if row is None or row.blob_sha256 is None:
            raise NotFoundError()
        data = get_blob(page.db, row.blob_sha256) or b""
        return file_response(data, row.filename, row.content_type, inline=row.inline)


def documents_page(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        found = page.community(slug)
        return page.render("documents.html", {
            "access": found, "c": found.community,
            "documents": documents.library(page.db, slug),
        })


def download(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        page.community(slug)
        try:
            version, data = documents.fetch(page.db, slug, request.path_params["name"],
                                            request.path_params["number"])
        except NotFound:
            raise NotFoundError() from None
        return file_response(data, request.path_params["name"], version.content_type,
                             inline=False)


def members(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        found = page.community(slug)
        return page.render("members.html", {
            "access": found, "c": found.community,
            "members": web_queries.members(page.db, found.community),
        })


def search_page(request: Request) -> Response:
    q = request.query_params.get("q", "")[:200]
    with Page(request) as page:
        person = page.require_person()
        hits = search.search_posts(page.db, person.id, q) if q.strip() else []
        return page.render("search.html", {"q": q, "hits": hits})


routes = [
    Route("/healthz", health, methods=["GET"]),
    Route("/", home, methods=["GET"]),
    Route("/search", search_page, methods=["GET"]),
    Route("/c/{slug}", community, methods=["GET"]),
    Route("/c/{slug}/t/{thread_id:id}", thread, methods=["GET"]),
    Route("/c/{slug}/t/{thread_id:id}/a/{attachment_id:id}", attachment, methods=["GET"]),
    Route("/c/{slug}/documents", documents_page, methods=["GET"]),
    Route("/c/{slug}/documents/v/{number:id}/{name:path}", download, methods=["GET"]),
    Route("/c/{slug}/members", members, methods=["GET"]),
]
