"""Per-request context: the database session, the visitor, their language, rendering."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from wall_store import web_queries
from wall_store.config import Config
from wall_store.models import Person
from wall_store.web_queries import Access
from web.auth import Visitor, csrf_ok, read_visitor, write_visitor
from web.i18n import pick_locale, translator


class WebError(Exception):
    status = 400

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class SignInRequired(WebError):
    status = 401


class Forbidden(WebError):
    status = 403


class NotFoundError(WebError):
    status = 404


class CsrfFailed(WebError):
    status = 403


@dataclass
class WebState:
    config: Config
    sessions: sessionmaker[Session]
    secret: bytes
    templates: Environment

    @property
    def base_url(self) -> str:
        return self.config.web.base_url.rstrip("/")

    @property
    def domain(self) -> str:
        return self.config.smtp.domain

    def is_ops(self, person: Person | None) -> bool:
        wanted = {a.strip().lower() for a in self.config.web.ops_addresses.split(",") if a.strip()}
        return person is not None and person.primary_address.lower() in wanted


class Page:
    """Opened per request (`with Page(request) as page:`); closes its session."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.web: WebState = request.app.state.web
        self.visitor: Visitor = read_visitor(request, self.web.secret)
        self.db: Session = self.web.sessions()
        self.person: Person | None = (
            self.db.get(Person, self.visitor.person_id) if self.visitor.person_id else None
        )
        self.locale = (self.person.locale if self.person
                       else pick_locale(request.headers.get("accept-language", "")))
        self._ = translator(self.locale)

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    # --- who may do what -------------------------------------------------------------

    def require_person(self) -> Person:
        if self.person is None:
            raise SignInRequired()
        return self.person

    def community(self, slug: str) -> Access:
        person = self.require_person()
        found = web_queries.access(self.db, person.id, slug)
        if found is None:
            raise NotFoundError()
        return found

    def writer(self, slug: str) -> Access:
        found = self.community(slug)
        if not found.can_write:
            raise Forbidden()
        return found

    def manager(self, slug: str) -> Access:
        found = self.community(slug)
        if not found.is_manager:
            raise Forbidden()
        return found

    @contextmanager
    def write(self) -> Iterator[Session]:
        """Commits what the block did (the session is already in its autobegun read
        transaction, so `Session.begin()` would refuse)."""
        try:
            yield self.db
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise

    def check_csrf(self, given: Any) -> None:
        if not csrf_ok(self.visitor, given):
            raise CsrfFailed()

    # --- answering -------------------------------------------------------------------

    def date(self, value: datetime | None) -> str:
        if value is None:
            return ""
        zone = ZoneInfo(self.person.timezone) if self.person else ZoneInfo("Europe/Paris")
        local = value.astimezone(zone)
        if self.locale.startswith("fr"):
            return local.strftime("%d/%m/%Y %H:%M")
        return local.strftime("%Y-%m-%d %H:%M")

    def render(self, name: str, context: dict[str, Any], status: int = 200) -> Response:
        template = self.web.templates.get_template(name)
        html = template.render(
            _=self._, locale=self.locale, person=self.person, csrf=self.visitor.csrf,
            date=self.date, is_ops=self.web.is_ops(self.person), path=self.request.url.path,
            **context,
        )
        return self.keep(HTMLResponse(html, status_code=status))

    def redirect(self, url: str) -> Response:
        return self.keep(RedirectResponse(url, status_code=303))

    def keep(self, response: Response) -> Response:
        if self.visitor.fresh:
            write_visitor(response, self.request, self.web.secret, None, self.visitor.csrf)
        return response


async def with_form(request: Request, handler: Callable[[Request, Any], Response]) -> Response:
    """Reads the form on the event loop, then runs the handler (blocking database work)
    in the thread pool, as Starlette does for plain `def` endpoints."""
    form = await request.form(max_files=4, max_fields=50)
    try:
        return await run_in_threadpool(handler, request, form)
    finally:
        await form.close()
