"""For managers and ops: moderation, adoption, the quarantine; and everyone's settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from wall_store import queue, views, web_queries
from wall_store.errors import NotFound
from wall_store.models import (
    AdoptionStage,
    Decision,
    DecisionChannel,
    DigestFrequency,
    PostSource,
)
from web.chart import stacked
from web.context import NotFoundError, Page, WebError, with_form


def moderation(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        found = page.manager(slug)
        held = [views.raw_message_detail(page.db, row)
                for row in web_queries.held_messages(page.db, found.community)]
        return page.render("moderation.html", {
            "access": found, "c": found.community, "held": held,
            "decided": request.query_params.get("decided") == "1",
        })


async def decide(request: Request) -> Response:
    return await with_form(request, _decide)


def _decide(request: Request, form: Any) -> Response:
    slug, raw_id = request.path_params["slug"], request.path_params["raw_id"]
    with Page(request) as page:
        page.check_csrf(form.get("csrf"))
        found = page.manager(slug)
        person = page.require_person()
        try:
            decision = Decision(form.get("decision"))
        except ValueError:
            raise WebError("decision must be approve or reject") from None
        try:
            with page.write():
                queue.decide_held(page.db, raw_id, decision, via=DecisionChannel.WEB,
                                  by=person.primary_address, by_person_id=person.id,
                                  community_id=found.community.id)
        except NotFound:
            raise NotFoundError() from None
        return page.redirect(f"/c/{quote(slug)}/moderation?decided=1")


def adoption(request: Request) -> Response:
    slug = request.path_params["slug"]
    with Page(request) as page:
        found = page.manager(slug)
        weeks = web_queries.adoption(page.db, found.community)
        sources = [s.value for s in PostSource]
        stages = [s.value for s in AdoptionStage]
        return page.render("adoption.html", {
            "access": found, "c": found.community, "weeks": weeks,
            "sources": sources, "stages": stages,
            "posts_chart": stacked([(w.week, w.posts) for w in weeks], sources),
            "stages_chart": stacked([(w.week, w.stages) for w in weeks], stages),
        })


def ops_quarantine(request: Request) -> Response:
    with Page(request) as page:
        page.require_person()
        if not page.web.is_ops(page.person):
            raise NotFoundError()
        rows = [views.raw_message_detail(page.db, row) for row in web_queries.quarantined(page.db)]
        return page.render("ops.html", {"rows": rows})


def me(request: Request) -> Response:
    with Page(request) as page:
        page.require_person()
        return page.render("me.html", {"saved": request.query_params.get("saved") == "1",
                                       "frequencies": [f.value for f in DigestFrequency]})


async def me_save(request: Request) -> Response:
    return await with_form(request, _me_save)


def _me_save(request: Request, form: Any) -> Response:
    with Page(request) as page:
        page.check_csrf(form.get("csrf"))
        person = page.require_person()
        with page.write():
            if form.get("unsubscribe"):
                person.digest_frequency = DigestFrequency.NEVER
                person.notifications_enabled = False
            else:
                # Cleaned to one line by the model (it goes into To: headers).
                person.display_name = str(form.get("name") or "")
                if form.get("locale") in ("fr", "en"):
                    person.locale = str(form["locale"])
                frequency = form.get("digest")
                person.digest_frequency = (DigestFrequency(frequency) if frequency in
                                           {f.value for f in DigestFrequency} else None)
                person.notifications_enabled = form.get("notifications") == "on"
        return page.redirect("/me?saved=1")


routes = [
    Route("/me", me, methods=["GET"]),
    Route("/me", me_save, methods=["POST"]),
    Route("/c/{slug}/moderation", moderation, methods=["GET"]),
    Route("/c/{slug}/moderation/{raw_id:id}", decide, methods=["POST"]),
    Route("/c/{slug}/adoption", adoption, methods=["GET"]),
    Route("/ops/quarantine", ops_quarantine, methods=["GET"]),
]
