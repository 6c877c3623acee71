"""The Starlette application: routes, templates, error pages, security headers."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from wall_store.config import Config, ConfigError
from wall_store.db import make_engine, session_factory
from web.context import CsrfFailed, SignInRequired, WebError, WebState
from web.i18n import pick_locale, translator
from web.routes import actions, api, feeds, manage, pages, signin

HERE = Path(__file__).parent

# No script runs on these pages, so none is allowed: even if mail HTML slipped
# past the sanitiser, a browser would not execute it.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
     b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def templates() -> Environment:
    # Autoescape for every template, whatever its extension: mail content is hostile.
    return Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                       trim_blocks=True, lstrip_blocks=True)


async def _error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    if request.url.path.startswith("/api/"):
        words = {401: "sign in first", 403: "not allowed", 404: "not found"}
        return JSONResponse({"error": exc.message or words.get(exc.status, "bad request")},
                            status_code=exc.status)
    if isinstance(exc, SignInRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    _ = translator(pick_locale(request.headers.get("accept-language", "")))
    message = {
        403: _("The form expired; please try again.") if isinstance(exc, CsrfFailed)
        else _("You may not do this here."),
        404: _("Not found"),
    }.get(exc.status, exc.message or _("Error"))
    web: WebState = request.app.state.web
    html = web.templates.get_template("error.html").render(
        _=_, message=message, status=exc.status, person=None, csrf="", is_ops=False,
        locale="fr", path=request.url.path,
    )
    from starlette.responses import HTMLResponse

    return HTMLResponse(html, status_code=exc.status)


def trusted_proxies(config: Config) -> list[str]:
    """`web.trusted_proxies` as a list of networks, or a ConfigError naming the bad one."""
    networks = []
    for item in config.web.trusted_proxies.split(","):
        if not item.strip():
            continue
        try:
            networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
        except ValueError:
            raise ConfigError(
                f"[web] trusted_proxies: {item.strip()!r} is not a network "
                "(write addresses or CIDR networks, comma-separated)") from None
    return networks


def create_app(config: Config, sessions: sessionmaker[Session] | None = None) -> Starlette:
    if sessions is None:
        sessions = session_factory(make_engine(config.database.url))
    routes: list[Any] = [
        *signin.routes, *pages.routes, *actions.routes, *feeds.routes, *manage.routes,
        *api.routes,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={WebError: _error})
    app.state.web = WebState(config, sessions, config.secret(), templates())
    app.add_middleware(SecurityHeaders)
    proxies = trusted_proxies(config)
    if proxies:
        # uvicorn's own middleware: the client is the rightmost X-Forwarded-For hop that
        # is not a trusted proxy, and only when the peer itself is one.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
    return app
