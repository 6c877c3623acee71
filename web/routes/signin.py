"""Sign-in by a link sent by mail; sign-out; the click-through and unsubscribe links mail
carries.

`POST /login` answers the same page whether the address is known or not, and
counts requests per address and per client in the database so that a limit
holds across nodes. The mailed link opens a page with one button: mail
scanners that fetch links must not spend the single-use token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from wall_store import links, outbox, people, preferences, signin, tokens, web_actions
from wall_store.base import utcnow
from wall_store.config import Config
from wall_store.models import Community, Person
from wall_store.validation import one_line
from web.auth import safe_next, write_visitor
from web.context import Page, with_form
from web.i18n import translator

PER_ADDRESS = 5
PER_CLIENT = 20
WINDOW = timedelta(hours=1)


def sign_in_link(config: Config, token: str, next_path: str = "/") -> str:
    url = links.sign_in_url(config.web.base_url, token)
    return url if next_path == "/" else f"{url}?next={quote(next_path, safe='')}"


def compose_sign_in(config: Config, person: Person, link: str) -> EmailMessage:
    _ = translator(person.locale)
    sender = config.outbound.from_address or f"mailwall@{config.smtp.domain}"
    msg = EmailMessage()
    msg["From"] = formataddr(("Mailwall", sender))
    # The saved name is one line already (wall_store.validation); made so again here,
    # since a header is the last place a line break may hide.
    # (An `Address`, not a `formataddr` string, which the stdlib would re-parse and fold
    # wrongly around a colon or an `@` in the name.)
    msg["To"] = Address(display_name=one_line(person.display_name),
                        addr_spec=person.primary_address)
    msg["Subject"] = _("Sign in") + " — Mailwall"
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain=config.smtp.domain)
    msg["Auto-Submitted"] = "auto-generated"
    if person.locale.startswith("fr"):
        body = (f"Bonjour,\n\nPour vous connecter au mur, ouvrez ce lien (valable 30 minutes, "
                f"une seule fois) :\n\n{link}\n\nSi vous n'avez rien demandé, ignorez ce "
                "message.\n-- \nMailwall\n")
    else:
        body = (f"Hello,\n\nTo sign in to the wall, open this link (valid for 30 minutes, "
                f"once):\n\n{link}\n\nIf you did not ask for it, ignore this message.\n"
                "-- \nMailwall\n")
    msg.set_content(body)
    return msg


def login_form(request: Request) -> Response:
    with Page(request) as page:
        return page.render("login.html", {"next": safe_next(request.query_params.get("next")),
                                          "state": "form"})


async def login_send(request: Request) -> Response:
    return await with_form(request, _login_send)


def _login_send(request: Request, form: Any) -> Response:
    with Page(request) as page:
        page.check_csrf(str(form.get("csrf", "")))
        address = str(form.get("email", "")).strip().lower()[:320]
        next_path = safe_next(str(form.get("next", "/")))
        client = request.client.host if request.client else "unknown"
        hashed = hashlib.sha256(address.encode()).hexdigest()[:32]
        with page.write():
            allowed = (signin.hit(page.db, f"login:client:{client}", limit=PER_CLIENT,
                                  window=WINDOW)
                       and signin.hit(page.db, f"login:address:{hashed}", limit=PER_ADDRESS,
                                      window=WINDOW))
            person = people.find_person(page.db, address) if allowed and address else None
            if person is not None:
                token = signin.issue_token(page.db, person)
                message = compose_sign_in(page.web.config, person,
                                          sign_in_link(page.web.config, token, next_path))
                outbox.queue_mail(
                    page.db, kind="sign-in", envelope_from="", recipient=person.primary_address,
                    subject=str(message["Subject"]),
                    message_id=str(message["Message-ID"]).strip("<>"), raw=bytes(message),
                )
        if not allowed:
            return page.render("login.html", {"state": "limited", "next": next_path}, 429)
        return page.render("login.html", {"state": "sent", "next": next_path})


def login_confirm(request: Request) -> Response:
    token = request.path_params["token"]
    with Page(request) as page:
        usable = signin.token_is_usable(page.db, token)
        return page.render("login.html", {
            "state": "confirm" if usable else "invalid", "token": token,
            "next": safe_next(request.query_params.get("next")),
        }, 200 if usable else 410)


async def login_redeem(request: Request) -> Response:
    return await with_form(request, _login_redeem)


def _login_redeem(request: Request, form: Any) -> Response:
    token = request.path_params["token"]
    with Page(request) as page:
        page.check_csrf(str(form.get("csrf", "")))
        with page.write():
            person_id = signin.redeem_token(page.db, token)
        if person_id is None:
            return page.render("login.html", {"state": "invalid", "next": "/"}, 410)
        response = RedirectResponse(safe_next(str(form.get("next", "/"))), status_code=303)
        # A new CSRF token with the new identity: one fixed before sign-in is not reused.
        write_visitor(response, request, page.web.secret, person_id, secrets.token_urlsafe(24))
        return response


async def logout(request: Request) -> Response:
    return await with_form(request, _logout)


def _logout(request: Request, form: Any) -> Response:
    with Page(request) as page:
        page.check_csrf(str(form.get("csrf", "")))
        response = RedirectResponse("/login", status_code=303)
        write_visitor(response, request, page.web.secret, None, secrets.token_urlsafe(24))
        return response


def click(request: Request) -> Response:
    """A digest's link: counted for the person it was sent to, then on to the thread.

    The target is built from the signed payload, never read from the query.
    """
    with Page(request) as page:
        payload = tokens.unsign(page.web.secret, tokens.CLICK, request.path_params["token"])
        # The payload digests/views.py signs: {"p": person, "d": period, "c": slug,
        # "to": "thread"|"documents", "t": thread, "a": post}.
        if not payload or not isinstance(payload.get("c"), str):
            return page.render("error.html", {"message": page._("This link is not valid."),
                                              "status": 404}, 404)
        slug = payload["c"]
        thread_id, post_id = payload.get("t"), payload.get("a")
        if payload.get("to") == "documents":
            target = links.documents_url("", slug)
        elif isinstance(thread_id, int):
            target = links.thread_url("", slug, thread_id,
                                      post_id if isinstance(post_id, int) else None)
        else:
            target = links.community_url("", slug)
        person_id = payload.get("p")
        if isinstance(person_id, int):
            with page.write():
                if page.db.get(Person, person_id) is not None:
                    community = page.db.query(Community).filter_by(slug=slug).first()
                    web_actions.record_click(page.db, person_id,
                                             community.id if community else None,
                                             thread_id if isinstance(thread_id, int) else None)
        if page.person is None:
            return page.redirect(f"/login?next={quote(target, safe='')}")
        return page.redirect(target)


def unsubscribe_form(request: Request) -> Response:
    with Page(request) as page:
        return page.render("unsubscribe.html", {"token": request.path_params["token"],
                                                "done": False})


async def unsubscribe(request: Request) -> Response:
    # RFC 8058 one-click: mail clients POST without our CSRF token; the signed token is
    # the authority here, and it can only turn mail off.
    return await with_form(request, _unsubscribe)


def _unsubscribe(request: Request, _form: Any) -> Response:
    token = request.path_params["token"]
    with Page(request) as page:
        with page.write():
            person = _unsubscribe_by_token(page, token)
        if person is None:
            return page.render("error.html", {"message": page._("This link is not valid."),
                                              "status": 404}, 404)
        return page.render("unsubscribe.html", {"token": token, "done": True})


def _unsubscribe_by_token(page: Page, token: str) -> Person | None:
    # The token says what it turns off (digests or notifications); the rule is the
    # store's, shared with the mail side that signs the token.
    return preferences.unsubscribe_by_token(page.db, page.web.secret, token)


routes = [
    Route("/login", login_form, methods=["GET"]),
    Route("/login", login_send, methods=["POST"]),
    Route("/login/{token}", login_confirm, methods=["GET"]),
    Route("/login/{token}", login_redeem, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/r/{token}", click, methods=["GET"]),
    Route("/unsubscribe/{token}", unsubscribe_form, methods=["GET"]),
    Route("/unsubscribe/{token}", unsubscribe, methods=["POST"]),
]
