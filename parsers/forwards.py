"""Inline forwards: every original message of a forwarded thread, from the forward's text.

Recognised openings (French and English, plus the usual European client languages):

- Gmail: ``---------- Forwarded message ---------`` / ``---------- Message transféré ---------``
- Thunderbird: ``-------- Forwarded Message --------`` / ``-------- Message transféré --------``
- Outlook: ``-----Original Message-----`` / ``-----Message d'origine-----`` (also above replies,
  so only under a forward subject or inside a forward), or a bare header block
  (``De :/Envoyé :/À :/Objet :``, ``From:/Sent:/To:/Subject:``) when the subject says forward
  (``TR :``, ``Fwd:``...) or when already inside a forward (Outlook chains the whole thread).
- Apple Mail: ``Début du message réexpédié :`` / ``Begin forwarded message:``; the original may
  be ``>``-quoted whole, header block included (it then ends with its quote).
- Zimbra: ``----- Mail transféré -----`` / ``----- Mail original -----``; Yahoo's plain-text
  alternative puts the header block on the separator's line (split back into fields).
- HCL/Lotus Notes: ``----- Transféré par X le … -----`` / ``----- Forwarded by X on … -----``
  over a ``Label: value`` block or Notes' bare layout (sender and date on bare lines, then
  ``To``/``cc``/``Subject`` beside or above their values).
- Inside a forward, reply attributions (``Le ... a écrit :`` / ``On ... wrote:``, leads and
  verbs from :mod:`parsers.labels`) followed by ``>`` quoted text, or by unprefixed text (an
  HTML quote converted to text), are earlier originals too.
- An attached message that is a reply: :func:`unwrap_history` turns its quoted history into
  older originals.

Each original's text loses its file list line (``Pièces jointes : a.pdf``), its signature and
disclaimer (the trimmer, then :func:`clean_original_text`, which knows the author's name).

Each header block gives sender, date (French and English free-form dates), subject and
recipients; the text between two openings is that original's own text. Originals come back
oldest first (the deepest nesting is the oldest). Depth is bounded by ``MAX_FORWARD_DEPTH``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_tz

from parsers import labels
from parsers.headers import parse_addresses, parse_message_id
from parsers.values import Address, ForwardedMessage

MAX_FORWARD_DEPTH = 10
_MAX_HEADER_LINES = 16
_LINE_HEAD = 300  # only the start of a line is looked at for an opening

_SEPARATOR = re.compile(
    r"^[ \t>]*-{2,}\s*"
    + labels.alternation(labels.words(labels.FORWARD_MARKERS))
    + r"\s*-{2,}\s*$",
    re.IGNORECASE,
)
# Outlook writes these above replies and forwards alike: they count only where blocks do.
_ORIGINAL_SEPARATOR = re.compile(
    r"^[ \t>]*-{2,}\s*"
    + labels.alternation(labels.words(labels.ORIGINAL_MARKERS))
    + r"\s*-{2,}\s*$",
    re.IGNORECASE,
)
_APPLE_OPENING = re.compile(
    r"^[ \t>]*" + labels.alternation(labels.words(labels.FORWARD_INTROS)) + r"\s*:\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^[ \t]*_{10,}[ \t]*$")
# HCL/Lotus Notes: "----- Forwarded by Jean Dupont/ACME on 03/04/2025 09:00 AM -----",
# "----- Transféré par Jean Dupont/ACME le 04/03/2025 09:00 -----".
_NOTES_SEPARATOR = re.compile(
    r"^[ \t>]*-{2,}\s*(?:forwarded\s+by|transf[ée]r[ée]\s+par|weitergeleitet\s+von|"
    r"inoltrato\s+da|reenviado\s+por)\s.{1,300}-{2,}\s*$",
    re.IGNORECASE,
)
# "Pièces jointes : devis.pdf; plan.xlsx", "Attachments: report.docx": the original's file list,
# which clients print in the header block or below the text. Never the author's words.
_ATTACHMENT_LINE = re.compile(
    r"^[ \t>]*\*{0,2}[ \t]*"
    + labels.alternation(labels.words(labels.ATTACHMENT_LABELS))
    + r"[ \t\xa0]*\*{0,2}[ \t\xa0]*:[ \t\xa0]*\*{0,2}.{0,400}?\.[a-z0-9]{2,5}\b",
    re.IGNORECASE,
)

_KEYS = {field: labels.alternation(labels.field_names(field)) for field in labels.HEADER_FIELDS}
_HEADER_LINE = re.compile(
    r"^[ \t>]*\*{0,2}[ \t]*(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _KEYS.items())
    + r")[ \t\xa0]*\*{0,2}[ \t\xa0]*:[ \t\xa0]*\*{0,2}[ \t\xa0]*(?P<value>.*)$",
    re.IGNORECASE,
)
# Yahoo's plain-text alternative flattens the block onto the separator's line:
# "----- Message transféré ----- De : A <a@x> À : B <b@x> Envoyé : … Objet : …".
_SEPARATOR_WITH_FIELDS = re.compile(
    r"^(?P<separator>[ \t>]*-{2,}\s*"
    + labels.alternation(
        (*labels.words(labels.FORWARD_MARKERS), *labels.words(labels.ORIGINAL_MARKERS))
    )
    + r"\s*-{2,})[ \t]+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_FIELD_LABEL = re.compile(
    r"(?:^|(?<=\s))(?:" + "|".join(_KEYS.values()) + r")[ \t\xa0]*:", re.IGNORECASE
)
# Fields a client may copy into a forwarded header block besides the ones above (Gmail and
# some webmails start the block with ``Date:`` and ``Message-ID:``). Skipped, never text.
_OTHER_FIELD = re.compile(
    r"^[ \t>]*(?P<name>message-id|in-reply-to|references|mime-version|content-[a-z-]{1,40}|"
    r"x-[a-z0-9-]{1,60}|return-path|sender|organi[sz]ation|user-agent|importance|priority|"
    r"thread-topic|thread-index|delivered-to|list-[a-z-]{1,30}|accept-language)[ \t]*:"
    r"[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)
_LEADS = labels.alternation(labels.words(labels.ATTRIBUTION_LEADS))
_WROTE = labels.alternation(labels.words(labels.WROTE))
_ATTRIBUTION = re.compile(
    rf"^[ \t]*{_LEADS}\s+(?P<middle>.{{6,300}}?)\s*,?\s*{_WROTE}\s*[:：]\s*$",
    re.IGNORECASE,
)
_LEADLESS = re.compile(
    rf"^[ \t]*(?P<middle>.{{6,300}}?)\s*,?\s*{_WROTE}\s*[:：]\s*$", re.IGNORECASE
)
_LEAD_START = re.compile(rf"^[ \t]*{_LEADS}\s", re.IGNORECASE)
_MAILTO = re.compile(r"\[mailto:([^\]\s]{1,300})\]", re.IGNORECASE)
_ANGLE_ADDR = re.compile(r"<[^<>\s]{1,300}@[^<>\s]{1,300}>")
_STARS = re.compile(r"\*{1,2}")

# --- free-form dates ----------------------------------------------------------------------

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1, "januar": 1, "enero": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "feb": 2,
    "february": 2, "februar": 2, "febrero": 2,
    "mars": 3, "mar": 3, "march": 3, "märz": 3, "marzo": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4, "abril": 4,
    "mai": 5, "may": 5, "mayo": 5,
    "juin": 6, "jun": 6, "june": 6, "juni": 6, "junio": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7, "juli": 7, "julio": 7,
    "août": 8, "aout": 8, "aug": 8, "august": 8, "agosto": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9, "septiembre": 9,
    "octobre": 10, "oct": 10, "october": 10, "oktober": 10, "octubre": 10,
    "novembre": 11, "nov": 11, "november": 11, "noviembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12, "december": 12, "dezember": 12,
    "diciembre": 12,
    # Italian, Dutch, Portuguese (Outlook and Gmail print the month in the user's language)
    "gennaio": 1, "gen": 1, "januari": 1, "janeiro": 1, "jänner": 1,
    "febbraio": 2, "februari": 2, "fevereiro": 2,
    "maart": 3, "março": 3, "marco": 3,
    "aprile": 4,
    "maggio": 5, "mei": 5, "maio": 5,
    "giugno": 6, "junho": 6,
    "luglio": 7, "julho": 7,
    "augustus": 8, "ago": 8,
    "settembre": 9, "setembro": 9, "setiembre": 9,
    "ottobre": 10, "outubro": 10,
    "novembro": 11,
    "dicembre": 12, "dezembro": 12, "dic": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+)?(\d{{4}})\b",
    re.I,
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})\b")
_TIME = re.compile(r"\b(\d{1,2})\s*[:h]\s*(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?\b)?", re.I)
_OFFSET = re.compile(
    r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|(?<![\d:])([+-])(\d{2}):?(\d{2})\b", re.I
)
_ZONES = {"utc": 0, "gmt": 0, "z": 0, "cet": 60, "cest": 120, "met": 60, "mest": 120,
          "est": -300, "edt": -240, "cst": -360, "cdt": -300, "pst": -480, "pdt": -420}  # fmt: skip
_ZONE_NAME = re.compile(r"\b(" + "|".join(_ZONES) + r")\b", re.I)


def parse_loose_date(text: str, default_tz: tzinfo | None = None) -> datetime | None:
    """Dates as clients print them in forward headers (French, English); None if unreadable."""
    text = _STARS.sub("", text).strip()[:200]
    if not text:
        return None
    rfc = _rfc_date(text)
    if rfc is not None:
        return rfc
    lowered = text.lower()
    day = month = year = None
    if (m := _DAY_MONTH_YEAR.search(lowered)) is not None:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    elif (m := _MONTH_DAY_YEAR.search(lowered)) is not None:
        month, day, year = _MONTHS[m.group(1)], int(m.group(2)), int(m.group(3))
    elif (m := _NUMERIC_DATE.search(lowered)) is not None:
        a, b, c = (int(g) for g in m.groups())
        if len(m.group(1)) == 4:
            year, month, day = a, b, c
        else:
            year = c + 2000 if c < 100 else c
            us_clock = re.search(r"\b[ap]\.?m\b", lowered) is not None
            # French users write day first; a 12-hour clock means a US client, month first.
            day, month = (b, a) if (us_clock and b <= 31 and a <= 12) or b > 12 else (a, b)
    if year is None or month is None or day is None:
        return None
    hour = minute = second = 0
    if (t := _TIME.search(lowered, m.end() if m else 0) or _TIME.search(lowered)) is not None:
        hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
        if t.group(4):
            hour = hour % 12 + (12 if t.group(4).lower() == "p" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=_zone(lowered, default_tz))
    except ValueError:
        return None


def _rfc_date(text: str) -> datetime | None:
    if not re.search(r"\d{1,2}:\d{2}", text) or not re.search(
        r"[+-]\d{4}\b|\b(?:gmt|ut|utc)\b", text, re.I
    ):
        return None
    try:
        parts = parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parts is None or parts[9] is None:
        return None
    try:
        return datetime(*parts[:6], tzinfo=timezone(timedelta(seconds=parts[9])))
    except (ValueError, OverflowError):
        return None


def _zone(text: str, default_tz: tzinfo | None) -> tzinfo:
    if (m := _OFFSET.search(text)) is not None:
        sign, hours, minutes = (
            (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        )
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta < timedelta(hours=15):
            return timezone(-delta if sign == "-" else delta)
    if (z := _ZONE_NAME.search(text)) is not None:
        return timezone(timedelta(minutes=_ZONES[z.group(1).lower()]))
    return default_tz or UTC


# --- header blocks and chains ----------------------------------------------------------------


def unwrap_inline(
    text: str,
    *,
    forward_subject: bool,
    default_tz: tzinfo | None = None,
    own_text: Callable[[str], str | None] | None = None,
) -> tuple[str, tuple[ForwardedMessage, ...], bool]:
    """Split ``text`` into the forwarder's own text and the originals it carries (oldest first).

    ``own_text`` trims each original's text (signature, leftover quotes; None keeps it whole);
    the returned flag says the nesting limit cut the chain.
    """
    lines = text.split("\n")
    if "---" in text:  # every separator has at least three dashes
        lines = _unflattened(lines)
    intro_end, originals, cut = _unwrap(lines, 0, forward_subject, False, default_tz, own_text, 0)
    return "\n".join(lines[:intro_end]).strip(), originals, cut


def _unflattened(lines: list[str]) -> list[str]:
    """A separator with its header block on the same line, put back on lines of their own."""
    out: list[str] | None = None
    for i, line in enumerate(lines):
        if (
            "--" not in line[:40]
            or (m := _SEPARATOR_WITH_FIELDS.match(line[: _LINE_HEAD * 4])) is None
        ):
            if out is not None:
                out.append(line)
            continue
        rest = m.group("rest")
        starts = [f.start() for f in _FIELD_LABEL.finditer(rest)]
        if out is None:
            out = lines[:i]
        if len(starts) < 2 or starts[0] != 0:
            out.append(line)
            continue
        out.append(m.group("separator"))
        out.extend(rest[a:b].strip() for a, b in zip(starts, [*starts[1:], len(rest)], strict=True))
    return lines if out is None else out


def unwrap_history(
    quoted: str,
    *,
    default_tz: tzinfo | None = None,
    own_text: Callable[[str], str | None] | None = None,
) -> tuple[tuple[ForwardedMessage, ...], bool]:
    """The originals in the quoted history of a message that is itself an original.

    A message attached to a forward (``message/rfc822``) that is a reply carries its thread below
    its own text; every message of that thread is an older original. ``quoted`` is what the
    trimmers set aside: it opens with an attribution (``Le … a écrit :``), a separator or a
    header block. After an attribution the rest is that original's text whether or not it is
    ``>``-prefixed (HTML quotes convert to unprefixed text).
    """
    lines = quoted.split("\n")
    if all(line.lstrip().startswith(">") for line in lines if line.strip()):
        # Apple Mail quotes the attribution with the text ("> On …, at …, X wrote:").
        lines = [_dequote(line) for line in lines]
    start = _skip_blank(lines, 0)
    if start < len(lines) and (found := _attribution(lines, start, loose=True)) is not None:
        headers, body_start, body_end = found
        inner = [_dequote(line) for line in lines[body_start:body_end]]
        end, older, cut = _unwrap(inner, 0, True, True, default_tz, own_text, 1)
        return (*older, _original(headers, "\n".join(inner[:end]), default_tz, own_text)), cut
    _, originals, cut = _unwrap(lines, 0, True, True, default_tz, own_text, 0)
    return originals, cut


def _unwrap(
    lines: list[str],
    start: int,
    forward_subject: bool,
    inside: bool,
    default_tz: tzinfo | None,
    own_text: Callable[[str], str | None] | None,
    depth: int,
) -> tuple[int, tuple[ForwardedMessage, ...], bool]:
    """Returns where the current text ends, the originals after it (oldest first), cut flag."""
    found = _next_opening(lines, start, forward_subject or inside, inside)
    if found is None:
        return len(lines), (), False
    at, headers, body_start, quoted = found
    if depth >= MAX_FORWARD_DEPTH:
        return at, (), True
    if quoted is not None:
        # Attribution + '>' quoted original: unwrap the dequoted block on its own.
        inner = [_dequote(line) for line in lines[body_start:quoted]]
        end, older, cut = _unwrap(inner, 0, True, True, default_tz, own_text, depth + 1)
        after_end, later, cut_later = _unwrap(
            lines, quoted, forward_subject, inside, default_tz, own_text, depth + 1
        )
        body = "\n".join(inner[:end])
    else:
        end, older, cut = _unwrap(lines, body_start, True, True, default_tz, own_text, depth + 1)
        later, cut_later = (), False
        body = "\n".join(lines[body_start:end])
    original = _original(headers, body, default_tz, own_text)
    return at, (*later, *older, original) if later else (*older, original), cut or cut_later


def _original(
    headers: dict[str, str],
    body: str,
    default_tz: tzinfo | None,
    own_text: Callable[[str], str | None] | None,
) -> ForwardedMessage:
    sender = _sender(headers.get("from", ""))
    body = body.strip()
    if own_text is not None and body:
        # None: the trimmer took everything for a quote, so the whole text is kept; "" is an
        # original that held only a signature.
        trimmed = own_text(_without_attachment_lines(body))
        body = body if trimmed is None else trimmed
    return ForwardedMessage(
        sender=sender,
        date=parse_loose_date(headers.get("date", ""), default_tz) if headers.get("date") else None,
        subject=_STARS.sub("", headers.get("subject", "")).strip(),
        text=clean_original_text(body, sender),
        message_id=parse_message_id(headers["message_id"]) if headers.get("message_id") else None,
        attachments=(),
        to=parse_addresses(
            _MAILTO.sub(r"<\1>", headers.get("to", "") + ", " + headers.get("cc", ""))
        ),
    )


# --- an original's own text --------------------------------------------------------------------

_SIGNATURE_TAIL_LINES = 8
_SIGNATURE_LINE_CHARS = 100
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")


def clean_original_text(text: str, sender: Address | None) -> str:
    """An original's text without its file list, its signature block and its sign-off.

    The trimmer finds signatures that open with a known closing or ``--``; an original's
    signature often has neither: it is its author's name over a title, a phone, an address.
    We know that name from the header block, so a short line opening with it, followed by a
    few more short lines to the end, is the signature. Then a closing left at the very end
    (one to three words ending with a comma, "Cdlt," "Best," "Merci,"), alone or over the
    author's name, is the sign-off: sentences do not end with a comma. The name alone on
    the last line, set apart from the text by a blank line, signs it too.
    """
    text = _without_attachment_lines(text)
    if sender is None or not sender.name:
        return text
    name = [w.lower() for w in _NAME_WORD.findall(sender.name[:200])]
    if not name:
        return text
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    end = len(filled)
    if len(name) >= 2:
        # Only the last lines can be a signature; the first filled line is the author's text.
        for k in range(max(1, end - _SIGNATURE_TAIL_LINES), end - 1):
            line = lines[filled[k]].strip()
            if len(line) <= _SIGNATURE_LINE_CHARS and _opens_with_name(line, name):
                tail = [lines[i].strip() for i in filled[k + 1 :]]
                if all(len(t) <= _SIGNATURE_LINE_CHARS for t in tail):
                    end = k
                    break
    if end >= 2 and _names_only(lines[filled[end - 1]], name) and _closing(lines[filled[end - 2]]):
        end -= 2
    elif end >= 2 and _closing(lines[filled[end - 1]]):
        end -= 1
    elif end >= 2 and filled[end - 1] - filled[end - 2] >= 2 and _names_only(
        lines[filled[end - 1]], name
    ):
        end -= 1  # the name alone, set apart under the text: it signs
    if end == len(filled) or end == 0:
        return text
    return "\n".join(lines[: filled[end - 1] + 1]).rstrip()


def _opens_with_name(line: str, name: list[str]) -> bool:
    """The line is the author's name (words in any order, with a middle name or an initial),
    or opens with it before a title ("Michael Brennan | Regulatory Affairs Director")."""
    words = [w.lower() for w in _NAME_WORD.findall(line[:_SIGNATURE_LINE_CHARS])]
    if not set(name) <= set(words):
        return False
    if len(words) <= len(name) + 1:
        return True
    return set(words[: len(name)]) == set(name) and bool(_AFTER_NAME.match(line, 0))


_AFTER_NAME = re.compile(r"^[^|,–—\-/(]{2,60}[|,–—\-/(]")
_CLOSING = re.compile(r"^[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,2}[ \t]*,$")


def _names_only(line: str, name: list[str]) -> bool:
    words = {w.lower() for w in _NAME_WORD.findall(line[:_SIGNATURE_LINE_CHARS])}
    return bool(words) and words <= set(name)


def _closing(line: str) -> bool:
    line = line.strip()
    return len(line) <= 25 and _CLOSING.match(line) is not None


def _without_attachment_lines(text: str) -> str:
    if "." not in text:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not _ATTACHMENT_LINE.match(line[: _LINE_HEAD * 2])]
    return "\n".join(kept).strip() if len(kept) != len(lines) else text


_OPENING_ENDS = frozenset("-_:：")


def _next_opening(
    lines: list[str], start: int, blocks_allowed: bool, inside: bool
) -> tuple[int, dict[str, str], int, int | None] | None:
    """The next forward opening from ``start``: (line, headers, body start, quoted end or None)."""
    for i in range(start, len(lines)):
        head = lines[i][:_LINE_HEAD]
        # Separators, rules and openings all end in "-", "_" or ":": most lines need no regex.
        ruled = head.rstrip()[-1:] in _OPENING_ENDS
        explicit = ruled and (
            _SEPARATOR.match(head)
            or _APPLE_OPENING.match(head)
            or (_NOTES_SEPARATOR.match(head) and any(c.isdigit() for c in head))
        )
        if explicit or (
            ruled and blocks_allowed and (_ORIGINAL_SEPARATOR.match(head) or _RULE.match(head))
        ):
            j = _skip_blank(lines, i + 1)
            headers, body_start = _header_block(lines, j)
            if headers is None and explicit:
                headers, body_start = _notes_block(lines, j)
            if headers is not None:
                return i, headers, _skip_blank(lines, body_start), _quote_end(lines, j)
            if not _RULE.match(head):
                return i, {}, j, None
            continue
        if blocks_allowed and _HEADER_LINE.match(head):
            headers, body_start = _header_block(lines, i)
            if headers is not None:
                return i, headers, _skip_blank(lines, body_start), _quote_end(lines, i)
        if inside and (attribution := _attribution(lines, i, unquoted_ok=True)) is not None:
            headers, quote_start, quote_end = attribution
            return i, headers, quote_start, quote_end
    return None


def _header_block(lines: list[str], start: int) -> tuple[dict[str, str] | None, int]:
    headers: dict[str, str] = {}
    last = ""
    i = start
    while i < len(lines) and i - start < _MAX_HEADER_LINES:
        line = lines[i][: _LINE_HEAD * 4]
        if _blank(line):
            # Old Outlook spaces its fields with blank lines: the block goes on when a field
            # follows, until the subject has been read.
            nxt = _skip_blank(lines, i)
            if (
                "subject" in headers
                or not headers
                or nxt - i > 2
                or nxt >= len(lines)
                or not _HEADER_LINE.match(lines[nxt][:_LINE_HEAD])
            ):
                break
            i = nxt
            continue
        match = _HEADER_LINE.match(line)
        if match is not None:
            key = next((name for name in _KEYS if match.group(name)), None)
            if key is None or key in headers:
                break
            headers[key] = match.group("value").strip()
            last = key
        elif last in ("to", "cc") and ("@" in line or ";" in line):
            headers[last] += " " + line.strip()  # wrapped recipient list
        elif (
            last == "subject"
            and i + 1 < len(lines)
            and _HEADER_LINE.match(lines[i + 1][:_LINE_HEAD])
        ):
            headers[last] += " " + _dequote(line).strip()  # a subject wrapped above a field
        elif _ATTACHMENT_LINE.match(line):
            last = "other"  # the original's file list: the files come as attachments, if at all
        elif (other := _OTHER_FIELD.match(line)) is not None:
            if other.group("name").lower() == "message-id":
                headers.setdefault("message_id", other.group("value").strip())
            last = "other"
        elif last == "other" and line[:1] in (" ", "\t"):
            pass  # a folded line of a skipped field (References)
        else:
            break
        i += 1
    if "from" in headers and ("date" in headers or "subject" in headers or "to" in headers):
        return headers, i
    return None, start


def _notes_block(lines: list[str], start: int) -> tuple[dict[str, str] | None, int]:
    """Notes' older layout: the sender and the date on bare lines, then the fields, indented,
    as ``To: …`` or with each label (``To``, ``cc``, ``Subject``) alone above its value."""
    end = min(len(lines), start + _MAX_HEADER_LINES)
    if start + 2 >= end:
        return None, start
    who, when = lines[start].strip(), lines[start + 1].strip()
    if not who or labels.field_of(who) or not _TIME.search(when[:_LINE_HEAD]):
        return None, start
    headers = {"from": who, "date": when}
    last = ""
    i = start + 2
    while i < end:
        text = lines[i][:_LINE_HEAD].strip()
        if not text:
            following = lines[i + 1][:_LINE_HEAD].strip() if i + 1 < end else ""
            if last and labels.field_of(following.rstrip(":")) is None:
                break
            # Notes leaves an empty line above the fields, and between them after an
            # empty "cc".
            i += 1
            continue
        if (match := _HEADER_LINE.match(lines[i][: _LINE_HEAD * 4])) is not None:
            last = next((name for name in _KEYS if match.group(name)), "other")
            headers.setdefault(last, match.group("value").strip())
            i += 1
        elif (key := labels.field_of(text.rstrip(":"))) is not None:
            value = lines[i + 1].strip() if i + 1 < end else ""
            last = key
            if value and labels.field_of(value.rstrip(":")) is None:
                headers.setdefault(key, value)
                i += 2
            else:
                i += 1
        elif last in ("to", "cc") and "@" in text:
            headers[last] += " " + text  # a wrapped recipient list
            i += 1
        else:
            break
    if len(headers) < 3:
        return None, start
    return headers, i


def _attribution(
    lines: list[str], i: int, *, loose: bool = False, unquoted_ok: bool = False
) -> tuple[dict[str, str], int, int] | None:
    """An attribution at ``i`` and the span of the quote it introduces; ``loose`` takes every
    line below it as the quote (they need not be ``>``-prefixed), ``unquoted_ok`` does so when
    no ``>`` line follows (an HTML quote converted to text keeps no prefix)."""
    line = lines[i][:_LINE_HEAD]
    ends_with_colon = line.rstrip().endswith((":", "："))
    lead = _LEAD_START.match(line) is not None
    if not ends_with_colon and not lead:
        return None
    match = _ATTRIBUTION.match(line) if ends_with_colon else None
    first = i + 1
    if match is None and i + 1 < len(lines) and lead:
        # Clients wrap long attribution lines in two.
        match = _ATTRIBUTION.match(line + " " + lines[i + 1][:_LINE_HEAD].strip())
        first = i + 2
    verbless: dict[str, str] | None = None
    if match is None and ends_with_colon and any(c.isdigit() for c in line):
        # No lead word ("3 марта 2025 г., Иван <…> написал:") or no verb at all
        # ("11:00 AM, November 17, 2021, "Name" <addr>:"): a date and an address suffice.
        match = _LEADLESS.match(line)
        if match is None and (address := _ANGLE_ADDR.search(line)) is not None:
            name = line[: address.start()].rsplit(",", 1)[-1].strip(" \"'")
            verbless = {"from": f"{name} {address.group(0)}".strip(), "date": line}
        first = i + 1
    if match is None and verbless is None:
        return None
    j = _skip_blank(lines, first)
    end = j
    while end < len(lines) and (
        loose or lines[end].lstrip().startswith(">") or not lines[end].strip()
    ):
        end += 1
    while end > j and not lines[end - 1].strip():
        end -= 1
    if end == j and unquoted_ok:
        end = len(lines)
        while end > j and not lines[end - 1].strip():
            end -= 1
    if end == j or (verbless is not None and not loose and not lines[j].lstrip().startswith(">")):
        return None
    if match is None:
        return verbless or {}, j, end
    middle = match.group("middle")
    times = list(_TIME.finditer(middle))
    if times:
        date, who = middle[: times[-1].end()], middle[times[-1].end() :]
    else:
        date, _, who = middle.rpartition(",")
    return {"from": who.strip(" ,"), "date": date.strip(" ,")}, j, end


def _dequote(line: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith(">"):
        stripped = stripped[1:]
        return stripped[1:] if stripped.startswith(" ") else stripped
    return line


def _blank(line: str) -> bool:
    # A bare ">" is an empty line of a quoted forward.
    return not line.strip(" \t>\xa0")


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and _blank(lines[i]):
        i += 1
    return i


def _quote_end(lines: list[str], start: int) -> int | None:
    """Where a ``>``-quoted forward starting at ``start`` ends (None when it is not quoted):
    Apple Mail and others quote the whole original, header block included."""
    if start >= len(lines) or not lines[start].lstrip().startswith(">"):
        return None
    end = start
    while end < len(lines) and (lines[end].lstrip().startswith(">") or not lines[end].strip()):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _sender(value: str) -> Address | None:
    value = _STARS.sub("", _MAILTO.sub(r"<\1>", value)).strip()
    if not value:
        return None
    found = parse_addresses(value, limit=1)
    if found:
        return found[0]
    # Exchange shows only the display name of internal senders ("De : Curie Marie").
    name = _ANGLE_ADDR.sub("", value).strip().strip("\"'").strip()
    return Address(address="", name=name) if name else None
