"""Template contexts: a selection (or notifications) turned into plain dicts of display strings.

Links are built here: every digest link goes through `/r/TOKEN`, a CLICK token that
names the person, the digest period and the target, which is how the wall counts
that a digest was followed without a tracking pixel. Token payload:
`{"p": person id, "d": period, "c": community slug, "to": "thread"|"documents",
"t": thread id, "a": post id}`.
"""

from __future__ import annotations

import binascii
import hmac
import json
import time
import zlib
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from itsdangerous import URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode, int_to_bytes

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


# The same post appears in hundreds of digests: its display strings are computed once.
@lru_cache(maxsize=65536)
def when(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%d/%m/%Y %H:%M")


@lru_cache(maxsize=16384)
def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


@lru_cache(maxsize=16384)
def full_text(text: str) -> str:
    text = text.strip()
    return text if len(text) <= FULL_TEXT_LIMIT else text[:FULL_TEXT_LIMIT].rstrip() + "\n[…]"


@lru_cache(maxsize=4096)
def _quoted_reply_subject(subject: str) -> str:
    return quote("Re: " + subject)


def mailto(address: str, subject: str) -> str:
    return f"mailto:{address}?subject={_quoted_reply_subject(subject)}"


class _ClickSigner:
    """Writes exactly what `URLSafeTimedSerializer(secret, salt=tokens.CLICK).dumps(payload)`
    writes (compact JSON, zlib when shorter, base64, timestamp, HMAC-SHA1 of the derived
    key), so `tokens.unsign` reads it (tested); but the serializer, signer and derived
    key are built once, not for each of a run's hundreds of thousands of links."""

    def __init__(self, secret: bytes, salt: str) -> None:
        serializer = URLSafeTimedSerializer(secret, salt=salt)
        signer = serializer.make_signer()
        self._sep = signer.sep
        # `Signer.get_signature`: an HMAC keyed by the derived key; keyed once, copied.
        self._mac = hmac.new(signer.derive_key(), digestmod=signer.algorithm.digest_method)  # type: ignore[attr-defined]
        self._json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

        self._stamp: tuple[int, bytes] = (-1, b"")

    def _timestamp(self) -> bytes:
        now = int(time.time())
        if now != self._stamp[0]:
            self._stamp = (now, self._sep + base64_encode(int_to_bytes(now)))
        return self._stamp[1]

    def dumps(self, payload: dict[str, Any]) -> str:
        data = self._json(payload).encode()
        compressed = zlib.compress(data)
        body = b"." + _b64(compressed) if len(compressed) < len(data) - 1 else _b64(data)
        value = body + self._timestamp()
        mac = self._mac.copy()
        mac.update(value)
        return (value + self._sep + _b64(mac.digest())).decode("ascii")


_URLSAFE = bytes.maketrans(b"+/", b"-_")


def _b64(data: bytes) -> bytes:
    """`itsdangerous.encoding.base64_encode` (URL-safe, unpadded), without its checks."""
    return binascii.b2a_base64(data, newline=False).translate(_URLSAFE).rstrip(b"=")


@lru_cache(maxsize=8)
def _click_signer(secret: bytes) -> _ClickSigner:
    return _ClickSigner(secret, tokens.CLICK)


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
