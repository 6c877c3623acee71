"""The JSON API: the same reads and actions as the pages, the same access rules.

Authenticated by the session cookie; every write also needs the session's CSRF
token in `X-CSRF-Token` (read it from `GET /api/me`), so that another site
cannot act through a signed-in browser.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wall_store import documents, search, web_actions, web_queries
from web.context import NotFoundError, Page, WebError
from web.openapi import SPEC


def _iso(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def me(request: Request) -> Response:
    with Page(request) as page:
        person = page.require_person()
        return JSONResponse({"id": person.id, "name": person.display_name,
                             "email": person.primary_address, "locale": person.locale,
                             "csrf_token": page.visitor.csrf})


def communities(request: Request) -> Response:
    with Page(request) as page:
        person = page.require_person()
        return JSONResponse([
            {"slug": c.slug, "name": c.name, "kind": c.kind, "private": c.private,
             "role": c.role, "threads_this_week": c.threads_this_week}
            for c in web_queries.home(page.db, person.id)
        ])


def wall(request: Request) -> Response:
    with Page(request) as page:
        found = page.community(request.path_params["slug"])
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            raise WebError("offset must be a whole number") from None
        cards = web_queries.wall(page.db, found.community,
                                 channel=request.query_params.get("channel") or None,
                                 offset=min(offset, 1_000_000))
        return JSONResponse({"community": found.community.slug, "threads": [
            {"id": t.id, "subject": t.subject, "channel": t.channel, "posts": t.posts,
             "sources": t.sources, "started_by": t.started_by, "excerpt": t.excerpt,
             "last_activity_at": _iso(t.last_activity_at)}
            for t in cards
        ]})


def thread(request: Request) -> Response:
    with Page(request) as page:
        found = page.community(request.path_params["slug"])
        assert page.person is not None
        result = web_queries.thread(page.db, found.community, request.path_params["thread_id"],
                                    page.person.id)
        if result is None:
            raise NotFoundError()
        row, posts = result
        return JSONResponse({"id": row.id, "subject": row.subject, "posts": [
            {"id": v.post.id, "author": v.author_name, "source": v.post.source.value,
             "created_at": _iso(v.post.created_at), "text": v.post.text,
             "quoted_text": v.post.quoted_text, "likes": v.likes, "liked_by_me": v.liked_by_me,
             "documents": [{"name": n, "version": num} for n, num in v.documents]}
            for v in posts
        ]})


def library(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        page.community(slug)
        return JSONResponse(documents.library(page.db, slug))


def members(request: Request) -> Response:
    with Page(request) as page:
        found = page.community(request.path_params["slug"])
        return JSONResponse([{k: m[k] for k in ("name", "role", "stage")}
                             for m in web_queries.members(page.db, found.community)])


def search_api(request: Request) -> Response:
    with Page(request) as page:
        person = page.require_person()
        q = request.query_params.get("q", "")[:200]
        return JSONResponse([
            {"post_id": h.post_id, "thread_id": h.thread_id, "community": h.community_slug,
             "subject": h.subject, "author": h.author, "created_at": _iso(h.created_at),
             "excerpt": h.excerpt}
            for h in search.search_posts(page.db, person.id, q)
        ])


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise WebError("the body must be JSON") from None
    if not isinstance(body, dict):
        raise WebError("the body must be a JSON object")
    return body


def _field(body: dict[str, Any], name: str, limit: int) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise WebError(f"{name} must be a non-empty string")
    return value.strip()[:limit]


async def new_thread(request: Request) -> Response:
    body = await _body(request)
    return await run_in_threadpool(_new_thread, request, body)


def _new_thread(request: Request, body: dict[str, Any]) -> Response:
    with Page(request) as page:
        found = page.writer(request.path_params["slug"])
        page.check_csrf(request.headers.get("x-csrf-token"))
        subject, text = _field(body, "subject", 300), _field(body, "text", 50_000)
        with page.write():
            post = web_actions.new_thread(page.db, found.community, page.require_person(),
                                          subject=subject, text=text, channel=None,
                                          domain=page.web.domain)
        return JSONResponse({"thread_id": post.thread_id, "post_id": post.id}, status_code=201)


async def reply(request: Request) -> Response:
    body = await _body(request)
    return await run_in_threadpool(_reply, request, body)


def _reply(request: Request, body: dict[str, Any]) -> Response:
    with Page(request) as page:
        found = page.writer(request.path_params["slug"])
        page.check_csrf(request.headers.get("x-csrf-token"))
        text = _field(body, "text", 50_000)
        with page.write():
            row = web_queries.thread_in(page.db, found.community, request.path_params["thread_id"])
            if row is None:
                raise NotFoundError()
            post = web_actions.reply(page.db, row, page.require_person(), text=text,
                                     domain=page.web.domain)
        return JSONResponse({"thread_id": row.id, "post_id": post.id}, status_code=201)


def like(request: Request) -> Response:
    with Page(request) as page:
        found = page.writer(request.path_params["slug"])
        page.check_csrf(request.headers.get("x-csrf-token"))
        with page.write():
            post = web_queries.post_in(page.db, found.community, request.path_params["post_id"])
            if post is None:
                raise NotFoundError()
            web_actions.set_like(page.db, post, page.require_person(), request.method == "PUT")
        return JSONResponse({"post_id": post.id, "liked": request.method == "PUT"})


def openapi(_request: Request) -> Response:
    return JSONResponse(SPEC)


routes = [
    Route("/api/openapi.json", openapi, methods=["GET"]),
    Route("/api/me", me, methods=["GET"]),
    Route("/api/communities", communities, methods=["GET"]),
    Route("/api/search", search_api, methods=["GET"]),
    Route("/api/c/{slug}", wall, methods=["GET"]),
    Route("/api/c/{slug}/threads", new_thread, methods=["POST"]),
    Route("/api/c/{slug}/t/{thread_id:id}", thread, methods=["GET"]),
    Route("/api/c/{slug}/t/{thread_id:id}/replies", reply, methods=["POST"]),
    Route("/api/c/{slug}/posts/{post_id:id}/like", like, methods=["PUT", "DELETE"]),
    Route("/api/c/{slug}/documents", library, methods=["GET"]),
    Route("/api/c/{slug}/members", members, methods=["GET"]),
]
