"""The stdlib's MIME parser, fed so that hostile mail cannot make it slow or large.

Three things in ``email`` cost more than the size of the mail:

- **Parameter lists.** ``Message.get_param`` (``email.message._parseparam``) is quadratic in
  the number of parameters: a 1 MB ``Content-Type`` took 37 s. The parser itself calls it (for a
  multipart boundary) on every part. :class:`BoundedMessage` hands it at most
  ``MAX_PARAM_HEADER_CHARS`` of a header; no real ``Content-Type`` or ``Content-Disposition``
  comes near (an RFC 2231 file name of 255 characters is about 2.5 KB).
- **Lines.** The parser keeps a body as a list of line strings (about 60 bytes of overhead a
  line): 24 MB of blank lines took 1 GB. :func:`prepared` cuts a message at
  :func:`line_budget` lines: 500,000, or one line per 64 bytes for mail larger than 32 MB. A
  legitimate 25 MB mail (base64, 77 characters a line) has about 330,000; so the overhead stays
  under about 30 MB or the size of the mail.
- **Whole-message copies.** ``message_from_bytes`` decodes the whole mail to one string and
  copies it into a ``StringIO``; :func:`message_from_bytes` feeds the incremental parser in
  chunks instead.

The SMTP listener refuses a header section over ``MAX_HEADER_BYTES`` (Postfix's
``header_size_limit``) or ``MAX_HEADER_LINES`` at ``DATA``. Mail that arrives another way (IMAP,
import) keeps its first ``MAX_HEADER_LINES`` header lines, with a defect saying so; a long header
costs only its length here, since no parameter parsing sees more than the bound above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.feedparser import BytesFeedParser
from email.message import Message
from typing import Any

MAX_HEADER_BYTES = 100 * 1024  # Postfix's header_size_limit
MAX_HEADER_LINES = 1000
MAX_PARAM_HEADER_CHARS = 8 * 1024
MIN_LINE_BUDGET = 500_000
BYTES_PER_LINE = 64  # base64 attachments have 77 a line; hostile mail has 2 or 3
_CHUNK = 1 << 16
_PARAM_HEADERS = ("content-type", "content-disposition")
_LINE_END = re.compile(rb"\r\n?|\n")
_ENCODED = ("base64", "quoted-printable")


class BoundedMessage(Message):
    """A compat32 message whose parameter parsing sees at most ``MAX_PARAM_HEADER_CHARS``.

    A ``message/*`` part sent with a base64 or quoted-printable transfer encoding (RFC 2046
    forbids it, clients do it) is a leaf for the parser, which would otherwise read the encoded
    text as a message; :func:`parsers.bodies.collect` decodes it and parses what it holds.
    """

    def get_params(
        self, failobj: Any = None, header: str = "content-type", unquote: bool = True
    ) -> Any:
        return _bounded(self, header).get_params_unbounded(failobj, header, unquote)

    def get_param(
        self, param: str, failobj: Any = None, header: str = "content-type", unquote: bool = True
    ) -> Any:
        return _bounded(self, header).get_param_unbounded(param, failobj, header, unquote)

    def get_params_unbounded(self, failobj: Any, header: str, unquote: bool) -> Any:
        return super().get_params(failobj, header, unquote)

    def get_param_unbounded(self, param: str, failobj: Any, header: str, unquote: bool) -> Any:
        return super().get_param(param, failobj, header, unquote)

    def get_content_maintype(self) -> str:
        maintype = super().get_content_maintype()
        if maintype == "message" and transfer_encoded(self):
            return "application"
        return maintype


def transfer_encoded(part: Message) -> bool:
    cte = part.get("Content-Transfer-Encoding")
    return cte is not None and str(cte).strip().lower() in _ENCODED


def _bounded(msg: BoundedMessage, header: str) -> BoundedMessage:
    value = msg.get(header)
    if value is None:
        return msg
    try:
        text = value if isinstance(value, str) else str(value)  # a Header, with 8-bit bytes
    except Exception:  # the stdlib raises the same way when it reads the parameters
        return msg
    if len(text) <= MAX_PARAM_HEADER_CHARS:
        return msg
    # Cut at the last parameter that fits: the boundary, charset or file name come first.
    head = text[:MAX_PARAM_HEADER_CHARS]
    holder = BoundedMessage()
    holder[header] = head[: head.rfind(";")] if ";" in head else head
    return holder


def new_message() -> BoundedMessage:
    return BoundedMessage()


def message_from_bytes(data: bytes) -> BoundedMessage:
    """``email.message_from_bytes`` (compat32) without its whole-message copies."""
    parser = BytesFeedParser(_factory=BoundedMessage, policy=policy.compat32)
    view = memoryview(data)
    for at in range(0, len(view), _CHUNK):
        parser.feed(bytes(view[at : at + _CHUNK]))
    message = parser.close()
    assert isinstance(message, BoundedMessage)
    return message


@dataclass(frozen=True, slots=True)
class Prepared:
    data: bytes
    defects: tuple[str, ...]


def prepared(raw: bytes) -> Prepared:
    """``raw`` as the stdlib parser may see it: leading blank lines dropped (MTAs drop them; the
    parser would take the whole mail for a body), header section and line count bounded."""
    defects: list[str] = []
    if raw[:1] in (b"\r", b"\n", b" ", b"\t"):
        first = len(raw) - len(raw.lstrip(b" \t\r\n"))
        start = raw.rfind(b"\n", 0, first) + 1  # the first line that is not blank
        if start:
            raw = raw[start:]
            defects.append("blank line before the headers, skipped")
    raw, repairs = _repaired_header_lines(raw)
    defects.extend(repairs)
    cut = _header_cut(raw)
    if cut is not None:
        raw = raw[:cut] + b"\r\n" + raw[_body_start(raw, cut) :]
        defects.append(
            f"budget: header section over {MAX_HEADER_LINES} lines, the rest of it was dropped"
        )
    # The parser splits lines at LF, CR and CRLF alike.
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    budget = line_budget(len(raw))
    if lines > budget:
        raw = raw[: _nth_line_end(raw, budget)]
        defects.append(f"budget: more than {budget} lines, the rest was not read")
    return Prepared(raw, tuple(defects))


# A header field line: a field name (printable ASCII but ``:``) then ``:``; the mbox
# ``From `` line that some stores keep at the top is read by the parser itself.
_FIELD_LINE = re.compile(rb"[!-9;-~]{1,200}:|From ")


def _repaired_header_lines(raw: bytes) -> tuple[bytes, list[str]]:
    """Two breakages real mail has in its header section, which would make the parser read the
    rest of the headers (From, Subject, Content-Type) as body text:

    - one line of junk above the first field (an archive's ``---- Original email message ----``):
      dropped when the next line is a field;
    - continuation lines that lost their indentation (a long base64 value wrapped by a tool
      that did not fold): indented when a field follows them within the header section.

    Only the first ``MAX_HEADER_LINES`` lines are looked at, each once.
    """
    defects: list[str] = []
    starts: list[int] = []
    pos = 0
    ended = False
    for _ in range(MAX_HEADER_LINES):
        nl = raw.find(b"\n", pos)
        if nl < 0:
            break
        if not raw[pos:nl].rstrip(b"\r"):
            ended = True
            break
        starts.append(pos)
        pos = nl + 1
    if not ended or len(starts) < 2:
        return raw, defects
    is_field = [_FIELD_LINE.match(raw, at) is not None for at in starts]
    drop_first = not is_field[0] and raw[:1] not in (b" ", b"\t") and is_field[1]
    if drop_first:
        defects.append("a line that is not a header field above the headers, skipped")
    indent: list[int] = []
    field_seen_after = False
    for index in range(len(starts) - 1, 0, -1):
        at = starts[index]
        if is_field[index]:
            field_seen_after = True
        elif raw[at : at + 1] not in (b" ", b"\t") and field_seen_after:
            indent.append(at)
    # Below the last field, only the rest of an address it left open ("Cc: D <d@" over
    # "example.com>"): otherwise those lines are the body of a mail with no blank line.
    last_field = max((k for k in range(len(starts)) if is_field[k]), default=-1)
    if 0 <= last_field < len(starts) - 1:
        end = starts[last_field + 1]
        line = raw[starts[last_field] : end].rstrip(b"\r\n")
        if line.count(b"<") > line.count(b">") or line.endswith((b"@", b"<", b",")):
            indent.extend(
                at for at in starts[last_field + 1 :] if raw[at : at + 1] not in (b" ", b"\t")
            )
    if indent:
        defects.append(f"{len(indent)} unfolded continuation line(s) in the headers, re-folded")
    if not drop_first and not indent:
        return raw, defects
    pieces: list[bytes] = []
    last = starts[1] if drop_first else 0
    for at in sorted(indent):
        pieces.append(raw[last:at])
        pieces.append(b" ")
        last = at
    pieces.append(raw[last:])
    return b"".join(pieces), defects


def line_budget(size: int) -> int:
    """How many lines of a mail of ``size`` bytes the MIME parser is given."""
    return max(MIN_LINE_BUDGET, size // BYTES_PER_LINE)


def _header_cut(raw: bytes) -> int | None:
    """Where to cut a header section of more than ``MAX_HEADER_LINES`` lines (at the start of
    the last field that begins within them); None when it has no more."""
    pos = 0
    last_field = 0
    for _ in range(MAX_HEADER_LINES):
        nl = raw.find(b"\n", pos)
        if nl < 0 or not raw[pos:nl].rstrip(b"\r"):
            return None  # the mail or its header section ended within the limit
        if raw[pos : pos + 1] not in (b" ", b"\t"):
            last_field = pos
        pos = nl + 1
    if pos >= len(raw) or raw[pos : pos + 1] == b"\n" or raw[pos : pos + 2] == b"\r\n":
        return None  # it ends exactly at the limit
    return last_field if last_field > 0 else pos


def _body_start(raw: bytes, cut: int) -> int:
    """Past the blank line that ends the header section being cut at ``cut``."""
    found = [at + len(sep) for sep in (b"\r\n\r\n", b"\n\n") if (at := raw.find(sep, cut)) >= 0]
    return min(found) if found else len(raw)


def _nth_line_end(raw: bytes, n: int) -> int:
    """The offset just after the ``n``-th line (LF, CR or CRLF ends a line)."""
    for count, match in enumerate(_LINE_END.finditer(raw), 1):
        if count == n:
            return match.end()
    return len(raw)
