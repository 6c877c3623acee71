"""Subjects without reply/forward prefixes and list tags, for threading by subject.

Prefixes come in many languages and spellings (``Re:``, ``RE :``, ``TR :``, ``Fwd:``, ``AW:``,
``WG:``, ``Réf. :``, ``SV:``, ``RV:``, ``R:``, ``Re[2]:``, ``Отв:``, ``回复：``), stacked
(``Re: TR: RE:``), wrapped (``[Fwd: ...]``) or trailing (``... (fwd)``). The display form keeps
the sender's case; the normalised form is casefolded with whitespace collapsed, for matching.
Whether the outermost prefix is a reply or a forward one is told apart: only mail that looks
like a reply may join a thread by its subject (gateway.pipeline).
"""

from __future__ import annotations

import re

# Words an email client puts in front of a subject, by kind.
# Reply: Re, German AW, Nordic SV/VS/Vs, Dutch Antw, Polish Odp, Italian R/RIF, French Réf.,
# Spanish/Portuguese RES, Turkish Ynt, Greek Απ/ΣΧΕΤ, Russian Отв/Ответ, Chinese 回复/答复/回覆.
_REPLY_WORDS = r"re|aw|sv|vs|r|rif|r[ée]f\.?|antw|odp|res|ynt|απ|σχετ|отв|ответ|回复|答复|回覆"
# Forward: Fwd/Fw, French TR, German WG, Spanish RV, Portuguese ENC, Dutch Doorst, Nordic FS/VL,
# Russian Пересл, Chinese 转发/轉寄.
_FORWARD_WORDS = r"fwd?|tr|wg|rv|enc|doorst|fs|vl|пересл|转发|轉寄"
_WORD = rf"(?:{_REPLY_WORDS}|{_FORWARD_WORDS})"
_COUNT = r"(?:\s*(?:\[\d{1,4}\]|\(\d{1,4}\)))?"

# A prefix ends with ':' or ';' (possibly doubled, spaced; the full-width '：' of CJK mailers
# too), or with dashes, or ends the subject.
_PREFIX = re.compile(rf"({_WORD}){_COUNT}\s*(?:[:;：][\s:;：]*|-{{2,}}\s*|$)", re.IGNORECASE)
_FORWARD = re.compile(rf"(?:{_FORWARD_WORDS})\Z", re.IGNORECASE)
_WRAPPER = re.compile(rf"\[\s*{_WORD}{_COUNT}\s*[:;：]\s*", re.IGNORECASE)
_EMPTY_WRAPPER = re.compile(rf"\[\s*{_WORD}{_COUNT}\s*[:;：]?\s*\]\s*", re.IGNORECASE)
_LIST_TAG = re.compile(r"\[[^\[\]]{1,80}\]\s*")
_FWD_PAREN_HEAD = re.compile(r"\((?:fwd?|tr)\)\s*", re.IGNORECASE)
_FWD_PAREN_TAIL = re.compile(r"\s*\((?:fwd?|tr)\)\Z", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_BARE = re.compile(r"\w\s*")

_MAX_ROUNDS = 32  # stacked prefixes beyond this are left as they are
_MAX_CHARS = 2000


def strip_subject(subject: str) -> str:
    """The subject as a person would name the thread: prefixes, tags and wrappers removed."""
    return _strip(subject)[0]


def normalize_subject(subject: str) -> str:
    """Casefolded, whitespace-collapsed :func:`strip_subject`, for matching threads."""
    return strip_subject(subject).casefold()


def is_forward_subject(subject: str) -> bool:
    """True when the outermost prefix is a forward one (``TR :``, ``Fwd:``, ``WG:``...)."""
    return _strip(subject)[1] is True


def is_reply_subject(subject: str) -> bool:
    """True when the outermost prefix is a reply one (``Re:``, ``AW:``, ``Réf. :``, ``Отв:``,
    ``回复：``...): the mail says it answers something. ``TR: Re: x`` is a forward."""
    return _strip(subject)[1] is False


def _strip(subject: str) -> tuple[str, bool | None]:
    """The stripped subject, and the outermost prefix's kind: True for a forward, False for
    a reply, None when there is no prefix."""
    text = _SPACES.sub(" ", subject[:_MAX_CHARS]).strip()
    first_is_forward: bool | None = None
    for _ in range(_MAX_ROUNDS):
        before = text
        prefix = _PREFIX.match(text)
        if prefix is not None and not (
            len(prefix.group(1)) == 1 and _BARE.fullmatch(prefix.group(0))
        ):
            if first_is_forward is None:
                first_is_forward = _FORWARD.match(prefix.group(1)) is not None
            text = text[prefix.end() :]
        elif (empty := _EMPTY_WRAPPER.match(text)) is not None:
            text = text[empty.end() :]
        elif (wrapper := _WRAPPER.match(text)) is not None and text.endswith("]"):
            if first_is_forward is None:
                first_is_forward = _FORWARD.match(wrapper.group(0).strip("[ :;：")) is not None
            text = text[wrapper.end() : -1]
        elif (tag := _LIST_TAG.match(text)) is not None and tag.end() < len(text):
            text = text[tag.end() :]
        elif (paren := _FWD_PAREN_HEAD.match(text)) is not None:
            first_is_forward = True if first_is_forward is None else first_is_forward
            text = text[paren.end() :]
        text = _FWD_PAREN_TAIL.sub("", text).strip()
        if text == before:
            break
    return text, first_is_forward
