"""Acting on the wall from a form: post, reply, like, upload. Each checks the CSRF token
and the person's role, then answers with a redirect (post/redirect/get)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from wall_store import communities, web_actions, web_queries
from wall_store.errors import NotFound
from web.context import NotFoundError, Page, WebError, with_form

MAX_TEXT = 50_000


def _text(form: Any, name: str, limit: int = MAX_TEXT) -> str:
    value = str(form.get(name) or "").replace("\r\n", "\n").strip()
    if not value:
        raise WebError(f"{name} is empty")
    return value[:limit]


async def new_thread(request: Request) -> Response:
    return await with_form(request, _new_thread)


def _new_thread(request: Request, form: Any) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        page.check_csrf(form.get("csrf"))
        found = page.writer(slug)
        channel = None
        if form.get("channel"):
            try:
                channel = communities.get_channel(page.db, found.community, str(form["channel"]))
            except NotFound:
                raise NotFoundError() from None
        with page.write():
            post = web_actions.new_thread(
                page.db, found.community, page.require_person(),
                subject=_text(form, "subject", 300), text=_text(form, "text"), channel=channel,
                domain=page.web.domain,
            )
        return page.redirect(f"/c/{quote(slug)}/t/{post.thread_id}#post-{post.id}")


async def reply(request: Request) -> Response:
    return await with_form(request, _reply)


def _reply(request: Request, form: Any) -> Response:
    slug, thread_id = request.path_params["slug"], request.path_params["thread_id"]
    with Page(request) as page:
        page.check_csrf(form.get("csrf"))
        found = page.writer(slug)
        with page.write():
            thread = web_queries.thread_in(page.db, found.community, thread_id)
            if thread is None:
                raise NotFoundError()
            post = web_actions.reply(page.db, thread, page.require_person(),
                                     text=_text(form, "text"), domain=page.web.domain)
        return page.redirect(f"/c/{quote(slug)}/t/{thread_id}#post-{post.id}")


async def like(request: Request) -> Response:
    return await with_form(request, _like)


def _like(request: Request, form: Any) -> Response:
    slug, post_id = request.path_params["slug"], request.path_params["post_id"]
    with Page(request) as page:
        page.check_csrf(form.get("csrf"))
        found = page.writer(slug)
        with page.write():
            post = web_queries.post_in(page.db, found.community, post_id)
            if post is None:
                raise NotFoundError()
            web_actions.set_like(page.db, post, page.require_person(),
                                 form.get("like") != "0")
        return page.redirect(f"/c/{quote(slug)}/t/{post.thread_id}#post-{post.id}")


async def upload(request: Request) -> Response:
    return await with_form(request, _upload)


def _upload(request: Request, form: Any) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        page.check_csrf(form.get("csrf"))
        found = page.writer(slug)
        file = form.get("file")
        if not isinstance(file, UploadFile) or not file.filename:
            raise WebError("no file")
        limit = page.web.config.documents.max_bytes
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise WebError("file too large")
        name = file.filename.replace("\\", "/").rsplit("/", 1)[-1][:500]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        blocked = {e.strip().lower() for e in
                   page.web.config.documents.blocked_extensions.split(",")}
        if extension in blocked:
            raise WebError("this type of file is not accepted in the library")
        with page.write():
            web_actions.upload(page.db, found.community, page.require_person(), name=name,
                               data=data,
                               content_type=file.content_type or "application/octet-stream")
        return page.redirect(f"/c/{quote(slug)}/documents")


routes = [
    Route("/c/{slug}/threads", new_thread, methods=["POST"]),
    Route("/c/{slug}/t/{thread_id:id}/reply", reply, methods=["POST"]),
    Route("/c/{slug}/posts/{post_id:id}/like", like, methods=["POST"]),
    Route("/c/{slug}/documents", upload, methods=["POST"]),
]
