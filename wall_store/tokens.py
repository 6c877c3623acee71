"""Signed tokens. Reply tokens: `reply+TOKEN@domain` names a post and the person it was sent to.

The token is lower-case hex (mail systems may fold the case of local parts)
and short enough for the 64-character local-part limit.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadData, URLSafeTimedSerializer

TOKEN = re.compile(r"^([0-9a-f]{1,12})-([0-9a-f]{1,12})-([0-9a-f]{24})$")


@dataclass(frozen=True)
class ReplyToken:
    post_id: int
    person_id: int


def _mac(secret: bytes, post_id: int, person_id: int, purpose: str = "reply") -> str:
    message = f"{purpose}:{post_id}:{person_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:24]


def make_reply_token(secret: bytes, post_id: int, person_id: int) -> str:
    return f"{post_id:x}-{person_id:x}-{_mac(secret, post_id, person_id)}"


def read_reply_token(secret: bytes, token: str) -> ReplyToken | None:
    """The token's post and person, or None when it is malformed or not ours."""
    match = TOKEN.match(token.lower())
    if not match:
        return None
    post_id, person_id = int(match.group(1), 16), int(match.group(2), 16)
    if not hmac.compare_digest(match.group(3), _mac(secret, post_id, person_id)):
        return None
    return ReplyToken(post_id, person_id)


def reply_address(secret: bytes, domain: str, post_id: int, person_id: int) -> str:
    return f"reply+{make_reply_token(secret, post_id, person_id)}@{domain}"


# Moderation tokens: `moderate+TOKEN@domain` names a held message and the manager
# whose notice it answers; the same shape as reply tokens, another purpose in the MAC.

@dataclass(frozen=True)
class ModerationToken:
    raw_id: int
    person_id: int


def make_moderation_token(secret: bytes, raw_id: int, person_id: int) -> str:
    return f"{raw_id:x}-{person_id:x}-{_mac(secret, raw_id, person_id, 'moderate')}"


def read_moderation_token(secret: bytes, token: str) -> ModerationToken | None:
    match = TOKEN.match(token.lower())
    if not match:
        return None
    raw_id, person_id = int(match.group(1), 16), int(match.group(2), 16)
    if not hmac.compare_digest(match.group(3), _mac(secret, raw_id, person_id, "moderate")):
        return None
    return ModerationToken(raw_id, person_id)


def moderation_address(secret: bytes, domain: str, raw_id: int, person_id: int) -> str:
    return f"moderate+{make_moderation_token(secret, raw_id, person_id)}@{domain}"


# Bounce tokens (VERP): `bounce+TOKEN@domain` is the envelope sender of one outgoing
# mail and names its outbox row, hence the recipient that bounced, whatever address
# the remote report mentions. Lower-case hex as the others, another purpose in the MAC.

BOUNCE_TOKEN = re.compile(r"^([0-9a-f]{1,12})-([0-9a-f]{24})$")


def make_bounce_token(secret: bytes, outbox_id: int) -> str:
    return f"{outbox_id:x}-{_mac(secret, outbox_id, 0, 'bounce')}"


def read_bounce_token(secret: bytes, token: str) -> int | None:
    """The outbox row the token names, or None when it is malformed or not ours."""
    match = BOUNCE_TOKEN.match(token.lower())
    if not match:
        return None
    outbox_id = int(match.group(1), 16)
    if not hmac.compare_digest(match.group(2), _mac(secret, outbox_id, 0, "bounce")):
        return None
    return outbox_id


def bounce_address(secret: bytes, domain: str, outbox_id: int) -> str:
    return f"bounce+{make_bounce_token(secret, outbox_id)}@{domain}"


# --- signed links (sign-in, unsubscribe, click-through, feeds) ---------------------------
#
# itsdangerous signs and timestamps them; every kind has its own salt so that a
# token made for one purpose is refused for another.

SIGN_IN = "mailwall.sign-in"
UNSUBSCRIBE = "mailwall.unsubscribe"
CLICK = "mailwall.click"
FEED = "mailwall.feed"
SESSION = "mailwall.session"


def _serializer(secret: bytes, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=purpose)


def sign(secret: bytes, purpose: str, payload: dict[str, Any]) -> str:
    return _serializer(secret, purpose).dumps(payload)


def unsign(secret: bytes, purpose: str, token: str, *, max_age: int | None = None
           ) -> dict[str, Any] | None:
    """The payload, or None when the token is forged, for another purpose, or too old."""
    try:
        value = _serializer(secret, purpose).loads(token, max_age=max_age)
    except BadData:
        return None
    return value if isinstance(value, dict) else None
