"""Who is asking: the signed session cookie, CSRF tokens, safe redirects.

The cookie carries only a person id and the CSRF token, signed with the
SESSION purpose (a token made for another purpose is refused). Anonymous
visitors get a cookie too, so the sign-in form has a CSRF token to check.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from wall_store import tokens

COOKIE = "mailwall_session"
MAX_AGE = 30 * 24 * 3600


@dataclass(frozen=True)
class Visitor:
    person_id: int | None
    csrf: str
    fresh: bool  # no valid cookie came with the request: one must be set


def read_visitor(request: Request, secret: bytes) -> Visitor:
    raw = request.cookies.get(COOKIE, "")
    payload = tokens.unsign(secret, tokens.SESSION, raw, max_age=MAX_AGE) if raw else None
    if payload and isinstance(payload.get("c"), str):
        person = payload.get("p")
        return Visitor(person if isinstance(person, int) else None, payload["c"], False)
    return Visitor(None, secrets.token_urlsafe(24), True)


def write_visitor(response: Response, request: Request, secret: bytes,
                  person_id: int | None, csrf: str) -> None:
    value = tokens.sign(secret, tokens.SESSION, {"p": person_id, "c": csrf})
    response.set_cookie(
        COOKIE, value, max_age=MAX_AGE, path="/", httponly=True, samesite="lax",
        secure=request.url.scheme == "https",
    )


def csrf_ok(visitor: Visitor, given: str | None) -> bool:
    return bool(given) and not visitor.fresh and hmac.compare_digest(visitor.csrf, given or "")


def safe_next(value: str | None) -> str:
    """Only a path on this site: never `//host`, `/\\host`, a scheme or a control character."""
    if (not value or not value.startswith("/") or value.startswith(("//", "/\\"))
            or any(ord(ch) < 32 or ch == "\\" for ch in value)):
        return "/"
    return value
