"""``parse``: raw message bytes to one frozen :class:`ParsedMail` value.

Pure: no database, network, clock or files; the only time used is ``received_at``. It never
raises on bad input: MIME defects and budget cuts are recorded in ``defects``, and mail with no
usable sender at all is marked ``problem = ParseProblem.NO_SENDER``.

The MIME tree is parsed once with the ``compat32`` policy (measured on the corpora: ~9,700
msg/s against ~1,650 for ``policy.default`` with body extraction, and it never raises on broken
headers); headers are then decoded leniently by :mod:`parsers.headers`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from types import MappingProxyType
from typing import TypeVar

from parsers import autoreply
from parsers.bodies import MAX_MESSAGE_DEPTH, AttachedMessage, Budget, Content, collect
from parsers.forwards import clean_original_text, unwrap_history, unwrap_inline
from parsers.headers import (
    header_text,
    parse_addresses,
    parse_date,
    parse_id_list,
    parse_message_id,
    raw_to_text,
)
from parsers.html_text import MAX_HTML_CHARS, html_to_text, text_and_safe_html
from parsers.likes import is_plus_one
from parsers.mentions import find_mentions
from parsers.mime import BoundedMessage, message_from_bytes, prepared
from parsers.subjects import (
    is_forward_subject,
    is_reply_subject,
    normalize_subject,
    strip_subject,
)
from parsers.trim import LETTER_WORD, trim
from parsers.trim_html import split_html
from parsers.values import Address, Attachment, Flag, ForwardedMessage, ParseProblem

_T = TypeVar("_T")

MAX_BODY_CHARS = 1_000_000  # body_text kept on the value
MAX_TEXT_CHARS = 200_000  # text given to the trimmers, forward unwrapping and other regexes
EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)
DERIVED_ID_DOMAIN = "mailwall.invalid"
_HEADER_SECTION_LIMIT = 1_000_000
_OBS_FIELD = re.compile(rb"^([!-9;-~]{1,76})[ \t]+:", re.MULTILINE)

# Decoded headers kept on the value: evidence for the police step and for people reading logs.
_KEPT_HEADERS = (
    "Authentication-Results",
    "ARC-Authentication-Results",
    "List-Id",
    "List-Post",
    "List-Unsubscribe",
    "Auto-Submitted",
    "Precedence",
    "X-Auto-Response-Suppress",
    "Delivered-To",
    "X-Original-To",
    "Return-Path",
    "Sender",
)


@dataclass(frozen=True, slots=True)
class ParsedMail:
    sender: Address | None
    recipients: tuple[Address, ...]  # To + Cc
    reply_to: Address | None
    message_id: str  # without <>; derived from the raw bytes' hash when absent
    message_id_derived: bool
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    date: datetime | None  # aware; received_at when absent or absurd
    subject: str
    normalized_subject: str
    body_text: str
    body_html_safe: str | None
    new_text: str
    quoted_text: str
    signature: str
    attachments: tuple[Attachment, ...]
    forwarded: tuple[ForwardedMessage, ...]  # oldest first
    mentions: tuple[str, ...]
    is_plus_one: bool
    auto_reply: Flag | None
    bounce: Flag | None
    list_mail: Flag | None
    own_loop: Flag | None
    defects: tuple[str, ...]
    problem: ParseProblem | None
    # Several occurrences (Authentication-Results) are joined with "\n", topmost first.
    headers: Mapping[str, str]
    parts_visited: int = 0  # MIME parts walked, nested messages included: bounded by budgets
    # The subject's outermost prefix is a reply one, in any language (Re, AW, Réf., Отв, 回复...):
    # only such mail may join a thread by subject when its headers name nothing known.
    looks_like_reply: bool = False


def parse(raw: bytes, *, received_at: datetime | None = None) -> ParsedMail:
    budget = Budget()
    try:
        return _parse(raw, received_at, budget)
    except (RecursionError, MemoryError) as exc:
        budget.note(f"parser gave up: {type(exc).__name__}")
        return _unreadable(raw, received_at, budget)


def _unreadable(raw: bytes, received_at: datetime | None, budget: Budget) -> ParsedMail:
    # Headers only: the body structure is what broke the full parse.
    parser = BytesHeaderParser(_class=BoundedMessage, policy=policy.compat32)
    header_only = parser.parsebytes(prepared(raw[:1_000_000]).data)
    return _build(header_only, raw, received_at, budget, Content())


def _parse(raw: bytes, received_at: datetime | None, budget: Budget) -> ParsedMail:
    ready = prepared(raw)
    for defect in ready.defects:
        budget.note(defect)
    msg = message_from_bytes(_obs_fields_fixed(ready.data))
    return _build(msg, raw, received_at, budget, collect(msg, budget))


def _obs_fields_fixed(raw: bytes) -> bytes:
    """``Name  : value`` (RFC 5322 obs-field) to ``Name: value``; the stdlib would end the
    header section there and lose From, Date and the rest."""
    end = raw.find(b"\n\n", 0, _HEADER_SECTION_LIMIT)
    end2 = raw.find(b"\r\n\r\n", 0, _HEADER_SECTION_LIMIT)
    end = min(e for e in (end, end2, _HEADER_SECTION_LIMIT) if e >= 0)
    head = raw[:end]
    if _OBS_FIELD.search(head) is None:
        return raw
    return _OBS_FIELD.sub(rb"\1:", head) + raw[end:]


class _Headers:
    """First-value lookup over the raw headers, indexed once."""

    def __init__(self, msg: Message) -> None:
        self.values: dict[str, list[str]] = {}
        for name, value in msg.raw_items():
            self.values.setdefault(str(name).strip().lower(), []).append(value)

    def raw(self, name: str) -> str | None:
        found = self.values.get(name.lower())
        return found[0] if found else None

    def text(self, name: str) -> str | None:
        value = self.raw(name)
        return None if value is None else header_text(value)[0]

    def count(self, name: str) -> int:
        return len(self.values.get(name.lower(), ()))


def _build(
    msg: Message, raw: bytes, received_at: datetime | None, budget: Budget, content: Content
) -> ParsedMail:
    headers = _Headers(msg)
    sender = _first_address(headers, ("From", "Sender", "Reply-To"))
    reply_to = _first_address(headers, ("Reply-To",))
    recipients = _recipients(headers)
    subject, cut = header_text(headers.raw("Subject") or "")
    if cut:
        budget.note("budget: Subject header cut")
    subject = " ".join(subject.split())

    message_id = parse_message_id(headers.raw("Message-ID") or "")
    derived = message_id is None
    if message_id is None:
        # Line ends normalised: the same mail by SMTP (CRLF) and from an mbox (LF)
        # must get the same id, or it would be posted twice.
        canonical = raw.replace(b"\r\n", b"\n")
        message_id = f"{hashlib.sha256(canonical).hexdigest()}@{DERIVED_ID_DOMAIN}"
    in_reply_to, cut_irt = parse_id_list(headers.raw("In-Reply-To") or "")
    references, cut_refs = parse_id_list(headers.raw("References") or "")
    if cut_irt or cut_refs:
        budget.note("budget: too many message ids in In-Reply-To/References, middle ones dropped")

    date = _date(headers.raw("Date"), received_at)
    default_tz = date.tzinfo if date is not None else None

    body = _body(content, subject, default_tz, budget, sender.name if sender else "")
    forwarded = (*body.forwarded, *_attached(content.messages, 1, budget, subject))
    forwarded = _completed(_oldest_first(forwarded), (sender, *recipients))

    content_type = _safe(msg.get_content_type, "text/plain")
    report_type = raw_to_text(_safe(lambda: msg.get_param("report-type") or "", "")).strip().lower()
    flags = autoreply.detect(headers.text, sender, subject, content_type, report_type)
    if flags.auto_reply is None and not forwarded and flags.bounce is None:
        # No header says so: an Outlook rule's out-of-office text is known by its content.
        flags = replace(flags, auto_reply=autoreply.from_content(body.new_text, subject))

    return ParsedMail(
        sender=sender,
        recipients=recipients,
        reply_to=reply_to,
        message_id=message_id,
        message_id_derived=derived,
        in_reply_to=in_reply_to,
        references=references,
        date=date,
        subject=subject,
        normalized_subject=normalize_subject(subject),
        body_text=body.text,
        body_html_safe=body.html_safe,
        new_text=body.new_text,
        quoted_text=body.quoted_text,
        signature=body.signature,
        attachments=tuple(content.attachments),
        forwarded=forwarded,
        mentions=tuple(find_mentions(body.new_text)),
        is_plus_one=is_plus_one(body.new_text),
        auto_reply=flags.auto_reply,
        bounce=flags.bounce,
        list_mail=flags.list_mail,
        own_loop=flags.own_loop,
        defects=tuple(budget.defects),
        problem=ParseProblem.NO_SENDER if sender is None else None,
        headers=_kept_headers(headers),
        parts_visited=budget.parts_visited,
        looks_like_reply=is_reply_subject(subject),
    )


def _safe(call: Callable[[], _T], default: _T) -> _T:
    try:
        return call()
    except Exception:  # the stdlib raises assorted errors on malformed parameters
        return default


def _first_address(headers: _Headers, names: tuple[str, ...]) -> Address | None:
    for name in names:
        # Spam and broken gateways repeat From: the first one with a usable address counts.
        for raw in headers.values.get(name.lower(), ())[:5]:
            found = parse_addresses(raw, limit=1)
            if found:
                return found[0]
    return None


def _recipients(headers: _Headers) -> tuple[Address, ...]:
    found: dict[str, Address] = {}
    for name in ("to", "cc"):
        for raw in headers.values.get(name, ())[:10]:
            for address in parse_addresses(raw):
                found.setdefault(address.address.lower(), address)
    return tuple(found.values())


def _date(raw: str | None, received_at: datetime | None) -> datetime | None:
    value = parse_date(raw) if raw is not None else None
    if received_at is not None and received_at.tzinfo is None:
        received_at = received_at.replace(tzinfo=UTC)
    if value is None:
        return received_at
    if value < EARLIEST_DATE or (
        received_at is not None and value > received_at + timedelta(days=1)
    ):
        return received_at
    return value


@dataclass(frozen=True, slots=True)
class _Body:
    text: str
    html_safe: str | None
    new_text: str
    quoted_text: str
    signature: str
    forwarded: tuple[ForwardedMessage, ...]


def _body(
    content: Content, subject: str, default_tz: tzinfo | None, budget: Budget, author: str = ""
) -> _Body:
    # NUL is never text, and PostgreSQL refuses it in a text column.
    plain = "\n\n".join(t.strip("\r\n") for t in content.plain if t.strip()).replace("\x00", "")
    html = "\n".join(content.html).replace("\x00", "")
    if html and len(html) > MAX_HTML_CHARS:
        budget.note(f"budget: HTML body longer than {MAX_HTML_CHARS} characters, the rest was cut")
    html_safe: str | None = None
    html_text = ""
    if html.strip():
        # Converting HTML to text is the costliest step: only when there is no plain text.
        html_text, html_safe = text_and_safe_html(html, need_text=not plain)
    text = plain or html_text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_BODY_CHARS:
        budget.note(f"budget: body text longer than {MAX_BODY_CHARS} characters, the rest was cut")
        text = text[:MAX_BODY_CHARS]
    work = text
    if len(work) > MAX_TEXT_CHARS:
        budget.note(f"budget: only the first {MAX_TEXT_CHARS} characters were trimmed and searched")
        work = work[:MAX_TEXT_CHARS]

    intro, forwarded, cut = unwrap_inline(
        work,
        forward_subject=is_forward_subject(subject),
        default_tz=default_tz,
        own_text=_own_text,
    )
    if cut:
        budget.note("budget: forwarded messages nested too deep, the oldest were not unwrapped")
    if forwarded:
        quoted = work[work.find(intro) + len(intro) :].strip() if intro else work.strip()
        own_signature = ""
        if not plain and html_safe is not None and intro:
            # The forwarder's signature container (HTML only) sits at the end of their words.
            split = split_html(html[:MAX_HTML_CHARS])
            mark = html_to_text(split.signature).strip() if split.signature else ""
            if mark and intro.endswith(mark):
                intro, own_signature = intro[: -len(mark)], mark
        trimmed = trim(intro, author)
        return _Body(text, html_safe, trimmed.new_text, _join(trimmed.quoted_text, quoted),
                     _join(trimmed.signature, own_signature), forwarded)  # fmt: skip
    if not plain and html_safe is not None:
        split = split_html(html[:MAX_HTML_CHARS])
        # The client's signature container (Gmail's gmail_signature…) is never new text.
        own_signature = html_to_text(split.signature)[:MAX_TEXT_CHARS] if split.signature else ""
        if split.quoted.strip():
            trimmed = trim(html_to_text(split.new)[:MAX_TEXT_CHARS], author)
            quoted = html_to_text(split.quoted)[:MAX_TEXT_CHARS]
        elif own_signature.strip() and work.rstrip().endswith(own_signature.strip()):
            # Only a signature below the text: cut it from the text converted above rather
            # than converting the rest of the document again.
            trimmed = trim(work.rstrip()[: -len(own_signature.strip())], author)
            quoted = ""
        elif own_signature.strip():
            trimmed, quoted = trim(html_to_text(split.new)[:MAX_TEXT_CHARS], author), ""
        else:  # nothing quoted: the text converted above is the new part
            trimmed, quoted = trim(work, author), ""
        signature = _join(trimmed.signature, own_signature)
        return _Body(text, html_safe, trimmed.new_text, _join(trimmed.quoted_text, quoted),
                     signature, ())  # fmt: skip
    trimmed = trim(work, author)
    return _Body(text, html_safe, trimmed.new_text, trimmed.quoted_text, trimmed.signature, ())


def _own_text(text: str) -> str | None:
    """An original's own text; None when the trimmer saw only quotes (keep the text whole)."""
    trimmed = trim(text)
    if trimmed.new_text or trimmed.signature:
        return trimmed.new_text
    return None


def _join(*texts: str) -> str:
    return "\n\n".join(t for t in texts if t.strip())


def _attached(
    messages: list[AttachedMessage], depth: int, budget: Budget, outer_subject: str
) -> tuple[ForwardedMessage, ...]:
    """Originals from attached messages (rfc822 parts, .eml files), each with its own nesting."""
    found: list[ForwardedMessage] = []
    for attached in messages:
        inner = attached.message
        if depth > MAX_MESSAGE_DEPTH:
            budget.note(
                f"budget: messages nested deeper than {MAX_MESSAGE_DEPTH}, the rest skipped"
            )
            break
        content = collect(inner, budget)
        headers = _Headers(inner)
        subject = " ".join(header_text(headers.raw("Subject") or "")[0].split())
        date = parse_date(headers.raw("Date")) if headers.raw("Date") is not None else None
        author = _first_address(headers, ("From", "Sender", "Reply-To"))
        body = _body(
            content, subject, date.tzinfo if date else None, budget, author.name if author else ""
        )
        if (
            not headers.values
            and not body.text
            and not content.attachments
            and not content.messages
        ):
            continue  # an empty message/rfc822 part carries no original
        history: tuple[ForwardedMessage, ...] = ()
        if not body.forwarded and body.quoted_text:
            # An attached reply: the thread quoted below its text holds older originals.
            history, cut = unwrap_history(
                body.quoted_text[:MAX_TEXT_CHARS],
                default_tz=date.tzinfo if date else None,
                own_text=_own_text,
            )
            if cut:
                budget.note(
                    "budget: forwarded messages nested too deep, the oldest were not unwrapped"
                )
        mine = [
            *body.forwarded,
            *history,
            *_attached(content.messages, depth + 1, budget, subject),
        ]
        sender = _first_address(headers, ("From", "Sender", "Reply-To"))
        mine.append(
            ForwardedMessage(
                sender=sender,
                date=date,
                subject=subject,
                text=clean_original_text(
                    body.new_text if body.forwarded or history else (body.new_text or body.text),
                    sender,
                ),
                message_id=parse_message_id(headers.raw("Message-ID") or ""),
                attachments=tuple(content.attachments),
                to=_recipients(headers),
            )
        )
        # Everything unwrapped from one attached file came with that file.
        found.extend(replace(o, file=attached.file) if depth == 1 else o for o in mine)
    return tuple(found)


def _name_key(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in LETTER_WORD.findall(name[:200]))


def _completed(
    originals: tuple[ForwardedMessage, ...], people: tuple[Address | None, ...]
) -> tuple[ForwardedMessage, ...]:
    """Originals with what their own lines left out, taken from the thread around them.

    An attribution ("Le …, Camille Robin a écrit :") or an Exchange header ("De : Curie Marie")
    may give a name only: the person is usually among the addresses of the thread (the reply
    went to them), matched on the words of the name in any order. An attribution gives no
    subject: the original has the subject of the reply above it, without its prefix.
    """
    if not originals:
        return originals
    known: dict[frozenset[str], Address] = {}
    for person in (*people, *(o.sender for o in originals), *(a for o in originals for a in o.to)):
        if person is not None and person.address and person.name:
            key = _name_key(person.name)
            if len(key) >= 2:
                known.setdefault(key, person)
    done: list[ForwardedMessage] = []
    for k, original in enumerate(originals):
        sender, subject = original.sender, original.subject
        if sender is not None and not sender.address:
            match = known.get(_name_key(sender.name))
            if match is not None:
                sender = Address(match.address, sender.name)
        if not subject and k + 1 < len(originals):
            subject = strip_subject(originals[k + 1].subject)
        if sender is not original.sender or subject != original.subject:
            original = replace(original, sender=sender, subject=subject)
        done.append(original)
    return tuple(done)


def _oldest_first(originals: tuple[ForwardedMessage, ...]) -> tuple[ForwardedMessage, ...]:
    # Nesting order is already oldest first; dates refine it only when every original has one
    # (several attached .eml files sit side by side, in no particular order).
    if len(originals) > 1 and all(o.date is not None for o in originals):
        return tuple(sorted(originals, key=lambda o: o.date))  # type: ignore[arg-type,return-value]
    return originals


def _kept_headers(headers: _Headers) -> Mapping[str, str]:
    kept: dict[str, str] = {}
    for name in _KEPT_HEADERS:
        values = headers.values.get(name.lower())
        if values:
            kept[name] = "\n".join(header_text(v)[0] for v in values[:20])
    for lowered, values in headers.values.items():
        if lowered.startswith("x-mailwall-"):
            kept["X-Mailwall-" + lowered[len("x-mailwall-") :].title()] = header_text(values[0])[0]
    kept["Received-Count"] = str(headers.count("Received"))
    return MappingProxyType(kept)
