"""Template contexts: a selection (or notifications) turned into plain dicts of display strings.

Links are built here: every digest link goes through `/r/TOKEN`, a CLICK token that
names the person, the digest period and the target, which is how the wall counts
that a digest was followed without a tracking pixel. Token payload:
`{"p": person id, "d": period, "c": community slug, "to": "thread"|"documents",
"t": thread id, "a": post id}`.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from itsdangerous import URLSafeTimedSerializer

from digests import i18n
from digests.selection import Selection
from digests.settings import MailSettings
from wall_store import links, tokens
from wall_store.digest_queries import PostRow
from wall_store.models import AdoptionStage
from wall_store.preferences import DIGESTS, unsubscribe_token

# Email-only readers get the newest posts in full, enough to answer without the wall,
# while a 20-thread digest stays around 12 KB of text.
FULL_TEXT_LIMIT = 1500
EXCERPT = 280
POSTS_PER_THREAD = 2


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Paris")


def when(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%d/%m/%Y %H:%M")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def full_text(text: str) -> str:
    text = text.strip()
    return text if len(text) <= FULL_TEXT_LIMIT else text[:FULL_TEXT_LIMIT].rstrip() + "\n[…]"


def mailto(address: str, subject: str) -> str:
    return f"mailto:{address}?subject={quote('Re: ' + subject)}"


@lru_cache(maxsize=8)
def _click_signer(secret: bytes) -> URLSafeTimedSerializer:
    # The same serializer `wall_store.tokens.sign` builds for CLICK, built once: a digest
    # signs twenty links and a run thousands. `tokens.unsign` reads them (tested).
    return URLSafeTimedSerializer(secret, salt=tokens.CLICK)


def click(settings: MailSettings, payload: dict[str, Any]) -> str:
    return links.click_url(settings.base_url, _click_signer(settings.secret).dumps(payload))


def digest_context(selection: Selection, settings: MailSettings, period: str,
                   frequency: str) -> dict[str, Any]:
    person = selection.person
    lang = i18n.language(person.locale, settings.default_locale)
    gettext, ngettext = i18n.callables(lang)
    tz = zone(person.timezone)
    stage = person.stage
    threads = []
    for item in selection.threads:
        payload = {"p": person.id, "d": period, "c": item.community.slug, "to": "thread",
                   "t": item.thread_id, "a": item.last_post_id}
        reply = tokens.reply_address(settings.secret, settings.domain, item.last_post_id,
                                     person.id)
        shown: list[PostRow]
        if stage is AdoptionStage.EMAIL_ONLY:
            shown = item.posts[-POSTS_PER_THREAD:]
            posts = [{"author": p.author_name, "when": when(p.created_at, tz),
                      "text": full_text(p.text)} for p in shown]
        elif stage is AdoptionStage.HYBRID:
            shown = item.posts[-1:]
            posts = [{"author": p.author_name, "when": when(p.created_at, tz),
                      "text": excerpt(p.text)} for p in shown]
        else:
            shown, posts = [], []
        threads.append({
            "thread_id": item.thread_id,
            "community": item.community.name,
            "subject": item.subject,
            "url": click(settings, payload),
            "reply_address": reply,
            "reply_mailto": mailto(reply, item.subject),
            "mentioned": item.mentions_person,
            "answered": item.answers_person,
            "posts": posts,
            "more": len(item.posts) - len(shown) if shown else 0,
            "likes": item.signals.likes,
        })
    nudges: list[str] = []
    documents: list[dict[str, Any]] = []
    if stage is not AdoptionStage.WALL:
        for liked in selection.likes:
            nudges.append(ngettext("%(num)d colleague liked your message %(subject)s",
                                   "%(num)d colleagues liked your message %(subject)s",
                                   liked.likers)
                          % {"num": liked.likers, "subject": f"« {liked.subject} »"
                             if lang == "fr" else f"\"{liked.subject}\""})
        for community, version in selection.documents:
            url = click(settings, {"p": person.id, "d": period, "c": community.slug,
                                   "to": "documents"})
            documents.append({"community": community.name, "name": version.name,
                              "number": version.number, "by": version.uploaded_by, "url": url})
            if stage is AdoptionStage.EMAIL_ONLY:
                template = (i18n.NUDGE_NEW_VERSION if version.number > 1
                            else i18n.NUDGE_NEW_DOCUMENT)[lang]
                nudges.append(template.format(name=version.name, number=version.number))
    names = {t["community"] for t in threads} | {d["community"] for d in documents}
    return {
        "lang": lang,
        "greeting_name": person.name.split(" ")[0] if person.name else "",
        "since": selection.since.astimezone(tz).strftime("%d/%m/%Y"),
        "stage": stage.value,
        "community_name": next(iter(names)) if len(names) == 1 else None,
        "top_subject": threads[0]["subject"] if threads else "",
        "n_items": len(threads) + len(documents) + len(selection.likes),
        "threads": threads,
        "nudges": nudges,
        "documents": documents,
        "frequency": frequency,
        "settings_url": links.settings_url(settings.base_url),
        "unsubscribe_url": links.unsubscribe_url(
            settings.base_url, unsubscribe_token(settings.secret, person.id, DIGESTS)),
        "wall_url": settings.base_url.rstrip("/") + "/",
    }
