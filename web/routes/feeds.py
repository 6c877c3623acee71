"""Atom feeds. A feed reader has no session cookie, so the link carries a signed FEED token
naming the person; it is checked against that person's access on every fetch, so leaving a
private community ends the feed too."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from wall_store import links, tokens, web_queries
from wall_store.models import Person
from web.context import NotFoundError, Page

ATOM = "http://www.w3.org/2005/Atom"

# What XML 1.0 cannot carry at all, escaped or not (its `Char` production): C0 controls but
# tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF. Mail brings them
# (a form feed pasted from a PDF, a stray \x01), and one in one post would make the whole
# feed ill-formed, so they are removed from every text put in the feed.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    return NOT_XML.sub("", value)


def _text(parent: ElementTree.Element, tag: str, value: str, **attrs: str) -> None:
    ElementTree.SubElement(parent, tag, attrs).text = xml_text(value)


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
        root = ElementTree.Element("feed", xmlns=ATOM)
        _text(root, "title", found.community.name)
        _text(root, "id", links.community_url(base, slug))
        ElementTree.SubElement(root, "link", rel="alternate",
                               href=xml_text(links.community_url(base, slug)))
        _text(root, "updated", _rfc3339(updated))
        for post, thread, author in items:
            url = links.thread_url(base, slug, thread.id, post.id)
            entry = ElementTree.SubElement(root, "entry")
            _text(entry, "title", thread.subject)
            _text(entry, "id", url)
            ElementTree.SubElement(entry, "link", rel="alternate", href=xml_text(url))
            _text(ElementTree.SubElement(entry, "author"), "name", author)
            _text(entry, "updated", _rfc3339(post.created_at))
            # Text only: the Atom consumer gets escaped text, never mail HTML.
            _text(entry, "content", post.text, type="text")
        body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
        return Response(body, media_type="application/atom+xml; charset=utf-8")


routes = [Route("/c/{slug}/feed.atom", feed, methods=["GET"])]
