"""One walk over a parsed MIME tree: the body texts, the attachments and the attached messages.

Body choice: text/plain and text/html leaves that are not attachments (no ``attachment``
disposition, no file name) are body parts. Inside ``multipart/alternative`` every alternative
is walked, so the plain text and the HTML version are both kept (plain text is preferred for
the wall text, the HTML is kept sanitised for display). Everything else that carries bytes is
an attachment; ``message/rfc822`` parts and ``.eml`` files are handed back for unwrapping.

Budgets bound the work on hostile input: MIME nesting depth, parts visited and decoded bytes.
When one cuts, a defect says so, and the rest of the tree is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from email.message import Message
from io import BytesIO

from parsers.attachments import filename_of, make_attachment, payload_bytes
from parsers.charsets import decode_bytes
from parsers.headers import raw_to_text
from parsers.mime import message_from_bytes, prepared
from parsers.values import Attachment

MAX_PARTS = 1000  # MIME parts visited per message, nested messages included
MAX_MIME_DEPTH = 40  # multipart inside multipart
MAX_MESSAGE_DEPTH = 10  # message inside message (rfc822 parts, .eml attachments)
MAX_DECODED_BYTES = 128 * 1024 * 1024  # all decoded payloads together
MAX_DEFECTS = 100
MAX_FLOWED_CHARS = 2_000_000  # more than the body text keeps (parsers.mail.MAX_BODY_CHARS)

_FLOWED_QUOTE = re.compile(r"^(>+) ?")


@dataclass
class Budget:
    """Work left for one call of ``parse``, shared by the nested messages it unwraps."""

    parts_visited: int = 0
    decoded_bytes: int = 0
    defects: list[str] = field(default_factory=list)

    def note(self, defect: str) -> None:
        if defect not in self.defects and len(self.defects) < MAX_DEFECTS:
            self.defects.append(defect)

    def take_part(self) -> bool:
        if self.parts_visited >= MAX_PARTS:
            self.note(f"budget: more than {MAX_PARTS} MIME parts, the rest was skipped")
            return False
        self.parts_visited += 1
        return True

    def take_bytes(self, size: int) -> bool:
        if self.decoded_bytes + size > MAX_DECODED_BYTES:
            self.note(f"budget: more than {MAX_DECODED_BYTES} decoded bytes, the rest was skipped")
            return False
        self.decoded_bytes += size
        return True


@dataclass
class Content:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    messages: list[AttachedMessage] = field(default_factory=list)  # attached mail, in order


@dataclass(frozen=True)
class AttachedMessage:
    message: Message
    file: Attachment  # the part it came from, as a file (kept as a document when not unwrapped)


def collect(msg: Message, budget: Budget) -> Content:
    content = Content()
    _walk(msg, content, budget, mime_depth=0, top=True)
    return content


def _walk(
    part: Message,
    content: Content,
    budget: Budget,
    mime_depth: int,
    top: bool,
    resource: bool = False,
) -> None:
    # ``resource``: a part after the first of a multipart/related, which the root (the first)
    # refers to (RFC 2387): an image, a style sheet, a document, never body text itself.
    if not budget.take_part():
        return
    _note_defects(part, budget)
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "text/plain"
    if part.is_multipart():
        if ctype == "message/rfc822" or ctype == "message/global":
            _attached_message(part, content, budget)
            return
        if mime_depth >= MAX_MIME_DEPTH:
            budget.note(f"budget: MIME nesting deeper than {MAX_MIME_DEPTH}, the rest was skipped")
            return
        children = part.get_payload()
        if isinstance(children, list):
            related = ctype == "multipart/related"
            for index, child in enumerate(children):
                if isinstance(child, Message):
                    in_resource = resource or (related and index > 0)
                    _walk(child, content, budget, mime_depth + 1, False, in_resource)
        return
    if ctype.startswith("multipart/"):
        # Declared multipart whose boundary never appears: the stdlib leaves it as one text blob.
        ctype = "text/plain"
    filename = "" if top else filename_of(part)
    disposition = _disposition(part)
    data = payload_bytes(part)
    _note_defects(part, budget)  # decoding adds the transfer-encoding defects
    if not budget.take_bytes(len(data)):
        return
    if ctype in ("text/plain", "text/html") and (
        top or (disposition != "attachment" and not filename and not resource)
    ):
        text, defects = decode_bytes(data, _charset(part))
        for defect in defects:
            budget.note(defect)
        if ctype == "text/html":
            content.html.append(text)
        else:
            if _is_flowed(part):
                # Unflowing splits into lines: only what the body text can keep (hostile
                # flowed text decodes to millions of lines).
                if len(text) > MAX_FLOWED_CHARS:
                    budget.note(
                        f"budget: flowed text longer than {MAX_FLOWED_CHARS} "
                        "characters, the rest was cut"
                    )
                text = _unflow(text[:MAX_FLOWED_CHARS], part)
            content.plain.append(text)
        return
    if ctype in ("message/rfc822", "message/global") or filename.lower().endswith(".eml"):
        inner = _inner_message(data, budget) if data.strip() else None
        if inner is not None and len(inner.keys()) > 0:
            index = len(content.attachments) + len(content.messages) + 1
            content.messages.append(AttachedMessage(inner, make_attachment(part, data, index)))
            return
    if ctype in (
        "message/delivery-status",
        "message/disposition-notification",
        "text/rfc822-headers",
    ):
        # Machine-readable report parts: evidence for the flags, not documents.
        return
    if not data and not filename:
        return
    content.attachments.append(make_attachment(part, data, len(content.attachments) + 1))


def _inner_message(data: bytes, budget: Budget) -> Message:
    ready = prepared(data)
    for defect in ready.defects:
        budget.note(f"attached message: {defect}")
    return message_from_bytes(ready.data)


def _note_defects(part: Message, budget: Budget) -> None:
    for defect in getattr(part, "defects", ()):
        budget.note(type(defect).__name__)


def _attached_message(part: Message, content: Content, budget: Budget) -> None:
    inner = part.get_payload()
    if isinstance(inner, list):
        for item in inner:
            if isinstance(item, Message):
                index = len(content.attachments) + len(content.messages) + 1
                file = make_attachment(part, _as_bytes(item), index)
                content.messages.append(AttachedMessage(item, file))


class _AsSentGenerator(BytesGenerator):
    """Writes a parsed message back as close to the bytes it came from as compat32 allows:
    header values as they were folded, and an empty field as ``Name:`` (the default generator
    refolds long headers and writes ``Name: ``), so an attached message saved as a file is the
    message that was attached."""

    def _write_headers(self, msg: Message) -> None:
        for name, value in msg.raw_items():
            if isinstance(value, str) and not value.strip():
                self.write(f"{name}:{self._NL}")
            else:
                self._fp.write(self.policy.fold_binary(name, value))
        self.write(self._NL)


def _line_end_of(message: Message) -> str:
    """The line end the attached message came with (the parser keeps it in text payloads;
    the generator writes every line with one): CRLF for mail as sent, LF for a store's copy."""
    for count, part in enumerate(message.walk()):
        payload = part.get_payload()
        if isinstance(payload, str) and "\n" in payload:
            return "\r\n" if "\r\n" in payload else "\n"
        if count >= 20:
            break
    return "\n"


def _as_bytes(message: Message) -> bytes:
    out = BytesIO()
    try:
        policy = message.policy.clone(max_line_length=0, linesep=_line_end_of(message))
        _AsSentGenerator(out, mangle_from_=False, policy=policy).flatten(message)
    except Exception:  # the generator raises on some broken structures
        return b""
    return out.getvalue()


def _disposition(part: Message) -> str:
    raw = part.get("Content-Disposition")
    if raw is None:
        return ""
    return raw_to_text(raw).split(";", 1)[0].strip().lower()


def _charset(part: Message) -> str | None:
    try:
        value = part.get_param("charset")
    except Exception:
        return None
    if isinstance(value, tuple):  # RFC 2231 form
        value = value[2]
    return raw_to_text(value) if value else None


def _is_flowed(part: Message) -> bool:
    try:
        value = part.get_param("format")
    except Exception:
        return False
    return isinstance(value, str) and value.strip().lower() == "flowed"


def _unflow(text: str, part: Message) -> str:
    """Join RFC 3676 soft line breaks (``format=flowed``), quote depth kept."""
    try:
        delsp = str(part.get_param("delsp") or "").strip().lower() == "yes"
    except Exception:
        delsp = False
    out: list[str] = []
    current: str | None = None
    current_depth = 0
    for line in text.split("\n"):
        line = line.rstrip("\r")
        match = _FLOWED_QUOTE.match(line)
        depth = len(match.group(1)) if match else 0
        body = line[match.end() :] if match else line.removeprefix(" ")
        if current is not None and depth == current_depth:
            current += body
        else:
            if current is not None:
                out.append(_requote(current, current_depth))
            current, current_depth = body, depth
        if not body.endswith(" ") or body == "-- ":
            out.append(_requote(current, current_depth))
            current = None
        elif delsp:
            current = current[:-1]
    if current is not None:
        out.append(_requote(current, current_depth))
    return "\n".join(out)


def _requote(text: str, depth: int) -> str:
    return (">" * depth + " " + text) if depth else text
