"""Header values to text and values: RFC 2047 words (broken ones too), addresses, dates, ids.

Messages are parsed with the ``compat32`` policy, which leaves header values raw: it is several
times faster than ``policy.default`` and never raises on malformed headers. The decoding here is
lenient on purpose: encoded words glued to text or split in the middle of a multi-byte
character, unknown charsets, raw 8-bit bytes and missing terminators all still give readable text.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime

from parsers.charsets import (
    codec_for,
    header_bytes_to_text,
    repair_double_encoding,
    sibling_codecs,
)
from parsers.values import Address

MAX_HEADER_CHARS = 16 * 1024  # longer values are cut before any regex or address parsing
MAX_IDS = 100  # References beyond this keep the root and the most recent ones

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,75})\?([QqBb])\?([^?]*)\?=")
# An encoded word whose closing ``?=`` was lost (cut header, broken mailer), at the very end.
_OPEN_WORD = re.compile(r"=\?([^?\s]{1,75})\?([QqBb])\?([^?]*)$")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]+")
_BASE64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")
_MSG_ID = re.compile(r"<([^<>\s]{1,500})>")
_BARE_ADDR = re.compile(
    r"[^\s<>\"'(),;:@\[\]]{1,200}@[^\s<>\"'(),;:@\[\]]{1,200}\.[A-Za-z0-9-]{1,63}"
)
_COMMENT = re.compile(r"\s*\([^()]{0,200}\)")
_OBFUSCATED_ADDR = re.compile(r"\b([\w.+-]{1,100}) at ([\w-]{1,100}(?:\.[\w-]{1,100}){1,10})\b")


def raw_to_text(raw: object) -> str:
    """A raw compat32 header value (str with surrogate-escaped 8-bit bytes) to plain text."""
    if not isinstance(raw, str):
        raw = str(raw)
    try:
        raw.encode("ascii")
    except UnicodeEncodeError:
        raw = header_bytes_to_text(raw.encode("utf-8", "surrogateescape"))
    return _FOLD.sub("", raw)


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words; whitespace between adjacent words goes (RFC 2047 §6.2)."""
    if "=?" not in text:
        return _clean(text)
    out: list[str] = []
    pending: list[bytes] = []
    pending_charset: str | None = None
    pos = 0

    def flush() -> None:
        nonlocal pending_charset
        if pending:
            out.append(_decode_word_bytes(b"".join(pending), pending_charset))
            pending.clear()
        pending_charset = None

    for match in _ENCODED_WORD.finditer(text):
        between = text[pos : match.start()]
        charset = match.group(1).split("*", 1)[0]  # RFC 2231 language suffix: utf-8*fr
        if between.strip() or (pending and charset.lower() != (pending_charset or "").lower()):
            flush()
            if between.strip():
                out.append(between)
        pending.append(_word_bytes(match.group(2), match.group(3)))
        pending_charset = charset
        pos = match.end()
    flush()
    rest = text[pos:]
    opened = _OPEN_WORD.search(rest)
    if opened is not None:
        out.append(rest[: opened.start()])
        out.append(
            _decode_word_bytes(_word_bytes(opened.group(2), opened.group(3)), opened.group(1))
        )
    else:
        out.append(rest)
    return _clean("".join(out))


def _word_bytes(encoding: str, payload: str) -> bytes:
    data = payload.encode("ascii", "replace")
    if encoding in "Bb":
        data = _BASE64_JUNK.sub(b"", data)
        data = data[: len(data) - len(data) % 4] if len(data) % 4 == 1 else data
        try:
            return base64.b64decode(data + b"=" * (-len(data) % 4))
        except (binascii.Error, ValueError):
            return payload.encode("ascii", "replace")
    return _QP_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data.replace(b"_", b" "))


def _decode_word_bytes(data: bytes, charset: str | None) -> str:
    for codec in sibling_codecs(codec_for(charset)):
        try:
            return data.decode(codec)
        except Exception:  # some codecs raise odd errors (not UnicodeError) on garbage
            continue
    return header_bytes_to_text(data)


def _clean(text: str) -> str:
    return repair_double_encoding(_CONTROL.sub(" ", text).strip())


def header_text(raw: object) -> tuple[str, bool]:
    """Full decoding of one header value; the flag says the value was cut to the budget."""
    text = raw_to_text(raw)
    cut = len(text) > MAX_HEADER_CHARS
    if cut:
        text = text[:MAX_HEADER_CHARS]
    return decode_words(text), cut


def parse_addresses(raw: object, limit: int = 500) -> tuple[Address, ...]:
    """Addresses of an address-list header, display names decoded, duplicates dropped."""
    text = raw_to_text(raw)[:MAX_HEADER_CHARS]
    if "@" not in text:
        # Archives (pipermail) obfuscate as ``user at example.com``.
        text = _OBFUSCATED_ADDR.sub(r"\1@\2", text)
    found: list[Address] = []
    seen: set[str] = set()
    for name, addr in getaddresses([text]):
        address = _usable_address(addr, name)
        if address is None:
            continue
        key = address.lower()
        if key in seen:
            continue
        seen.add(key)
        found.append(Address(address, _display_name(name, text)))
        if len(found) >= limit:
            break
    if not found:
        bare = _BARE_ADDR.search(text)
        if bare is not None and (address := _usable_address(bare.group(0), "")) is not None:
            found.append(Address(address, ""))
    return tuple(found)


def _display_name(name: str, header: str) -> str:
    """The decoded display name; a comment beside it (``MAILER-DAEMON (Mail Delivery System)
    <postmaster@…>``) is not part of it (RFC 5322 §3.4), unless the name is only that comment
    (the old ``addr (Name)`` form) or quotes make the parentheses literal."""
    if "(" in name and '"' not in header:
        bare = _COMMENT.sub("", name).strip()
        if bare:
            name = bare
    return decode_words(name).strip().strip("\"'").strip()


def _usable_address(addr: str, name: str) -> str | None:
    addr = addr.strip().strip("<>").strip()
    if not addr or any(c.isspace() for c in addr) or addr.count("@") != 1:
        bare = _BARE_ADDR.search(addr + " " + name)
        if bare is None:
            return None
        addr = bare.group(0)
    local, _, domain = addr.rpartition("@")
    domain = domain.strip(".").lower()
    if not local or not domain:
        return None
    return f"{local}@{domain}"


def parse_date(raw: object) -> datetime | None:
    """RFC 5322 date to an aware datetime (UTC when the zone is missing); None when unreadable."""
    text = raw_to_text(raw).strip()[:200]
    if not text:
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def parse_message_id(raw: object) -> str | None:
    text = raw_to_text(raw).strip()[:1000]
    match = _MSG_ID.search(text)
    if match is not None:
        return match.group(1)
    if text and not any(c.isspace() for c in text) and len(text) <= 500 and "<" not in text:
        return text
    return None


_MESSAGE_ID_HEADER = re.compile(rb"^message-id[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.I | re.M)
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID of raw mail bytes, read from the header block alone (no MIME parse):
    cheap enough for intake, and the value ``parse`` gives when the header is there."""
    end = _HEADER_END.search(raw)
    head = raw[: end.start()] if end else raw
    found = _MESSAGE_ID_HEADER.search(head)
    if found is None:
        return None
    # What the stdlib bytes parser hands the parser: ASCII with escaped 8-bit bytes.
    return parse_message_id(found.group(1).decode("ascii", "surrogateescape"))


def parse_id_list(raw: object) -> tuple[tuple[str, ...], bool]:
    """Ids of In-Reply-To / References; the flag says the list was cut to ``MAX_IDS``."""
    text = raw_to_text(raw)
    if len(text) > MAX_HEADER_CHARS * 4:
        # Threading needs the root (first) and the parent (last): keep both ends.
        text = text[:MAX_HEADER_CHARS] + " " + text[-MAX_HEADER_CHARS * 3 :]
    ids = list(dict.fromkeys(_MSG_ID.findall(text)))
    if not ids:
        ids = [t for t in text.split() if "@" in t and len(t) <= 500][:MAX_IDS]
    if len(ids) > MAX_IDS:
        # Threading needs the root (first) and the parent (last); the middle is expendable.
        return (ids[0], *ids[-(MAX_IDS - 1) :]), True
    return tuple(ids), False
