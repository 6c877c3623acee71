"""Every mail of a helpdesk's parser regression corpus parses, and says what the helpdesk says.

The corpus is Zammad's ``test/data/mail`` (AGPL-3.0, test data only): 106 real mails from
Apple Mail, Outlook, Lotus Notes, Foxmail, webmails, SAP and helpdesks, in many charsets,
with bounces, uuencode and S/MIME. It is read where it lies (``shared/corpora``, see its
SOURCE.md), never copied; the tests skip when it is absent.

Checked per mail, from ``expected/<id>.json`` (derived from Zammad's yml):

- ``parsers.parse`` raises no exception;
- the sender address equals ``from_email``, case-insensitively;
- the sender name equals ``from_display_name`` where Zammad found one (see below);
- the subject equals ``subject``, whitespace runs collapsed;
- the MD5 of each expected attachment's data is among our attachments' (Zammad's own
  subset rule), attached messages' files included (the 72 mails that have attachments).

Where the two products follow different conventions, the comparison states ours instead of
leaving the mail out:

- Addresses. Zammad keeps a From it cannot parse as its raw text: a quoted string alone
  (``"user@host"``), a domain with the root dot (``user@host.``), words before an unbracketed
  address (``Test test@example.com``), an unquoted local part with spaces. We compare with
  the quotes and the root dot dropped, and where Zammad's text has spaces we expect the
  address it ends with. A From without a domain (``MAILER-DAEMON``) is no address for us:
  we expect no sender. The display name is checked where Zammad's address is a real one
  (for the others its "name" is the same raw text).
- Subjects. Zammad leaves UTF-7 (``+ANw-``) undecoded; we decode it, and so compare with
  Zammad's subject decoded as UTF-7.
- Attachments. Zammad (Ruby's mail library) turns the CRLF of a 7bit part into LF, an
  attached message's too; we keep an attached message as it came (CRLF is a mail's canonical
  form, 8bit ones Zammad keeps so as well), so for ``message/*`` files we also accept the MD5
  of our bytes with CRLF as LF. Zammad's ``message.html`` with ``content-alternative`` is
  its copy of the HTML alternative of the body: for us that is ``body_html_safe``, which
  must be there. The machine-readable parts of a delivery report
  (``message/delivery-status``, ``text/rfc822-headers``) are the evidence of our bounce flag,
  not files: the mail must be flagged as a bounce instead. An empty part (0 bytes) is no
  file for us.

What we still get wrong is in ``KNOWN_FAILURES`` (strict xfail: fixing one turns it red).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from parsers import ParsedMail, parse
from parsers.values import Attachment

_CORPORA = os.environ.get("MAILWALL_CORPORA") or str(
    Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
)
CORPUS = Path(_CORPORA) / "zammad_email_parser"
if not (CORPUS / "cases.jsonl").is_file():
    pytest.skip(f"helpdesk corpus not found at {CORPUS}", allow_module_level=True)

ROWS = [json.loads(line) for line in (CORPUS / "cases.jsonl").read_text().splitlines() if line]
_UTF7_RUN = re.compile(r"\+[A-Za-z0-9/]{2,}-")
REPORT_PARTS = ("message/delivery-status", "text/rfc822-headers")

# (check, mail id) -> why we fail it today.
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("from_email", "mail076"): (
        "a quoted local part with spaces and a stray '>' (\"A B\"@host>) is not taken as an address"
    ),
    ("from_display_name", "mail046"): (
        "raw 8-bit GB2312 header bytes, body mislabelled ISO-8859-1: read as Windows-1252"
    ),
    ("subject", "mail046"): "raw 8-bit GB2312 header bytes: read as Windows-1252",
    ("subject", "mail093"): "raw 8-bit Shift_JIS header bytes: read as Windows-1252",
    ("attachments", "mail033-undelivered-mail-returned-to-sender"): (
        "attached message rewritten: an empty field sent as 'Name: ' comes back as 'Name:'"
        " (the stdlib parser does not keep which)"
    ),
    ("attachments", "mail085"): (
        "Apple Mail's second HTML fragment (multipart/mixed inside the alternative) is body"
        " for us, a document.html file for Zammad"
    ),
    ("attachments", "mail087"): (
        "a text/plain part after the PDF (no disposition) is body text for us, a file for Zammad"
    ),
}


def _params(check: str) -> list[pytest.param]:
    params = []
    for row in ROWS:
        reason = KNOWN_FAILURES.get((check, row["id"]))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(row, id=row["id"], marks=marks))
    return params


_PARSED: dict[str, ParsedMail] = {}


def _parsed(row: dict) -> ParsedMail:
    if row["id"] not in _PARSED:
        _PARSED[row["id"]] = parse((CORPUS / row["input"]).read_bytes())
    return _PARSED[row["id"]]


def _expected(row: dict) -> dict:
    return json.loads((CORPUS / row["expected"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", _params("parse"))
def test_mail_parses_without_exception(row: dict) -> None:
    parse((CORPUS / row["input"]).read_bytes())


def _zammad_address(value: str) -> str:
    value = value.strip().strip('"').rstrip(".>").strip('"').lower()
    if " " in value:
        value = value.split()[-1].strip('"<>')
    return value


@pytest.mark.parametrize("row", _params("from_email"))
def test_sender_address_is_the_helpdesks(row: dict) -> None:
    want = _zammad_address(_expected(row)["from_email"] or "")
    sender = _parsed(row).sender
    if "@" not in want:
        assert sender is None
    else:
        assert sender is not None and sender.address.lower() == want


def _real_address(value: str) -> bool:
    return value.count("@") == 1 and not any(c.isspace() or c in '"<>' for c in value)


def _names_to_check(row: dict) -> bool:
    expected = _expected(row)
    return bool(expected.get("from_display_name")) and _real_address(expected["from_email"])


@pytest.mark.parametrize(
    "row", [p for p in _params("from_display_name") if _names_to_check(p.values[0])]
)
def test_sender_name_is_the_helpdesks(row: dict) -> None:
    want = _expected(row)["from_display_name"]
    sender = _parsed(row).sender
    assert sender is not None and sender.name == want


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("row", _params("subject"))
def test_subject_is_the_helpdesks(row: dict) -> None:
    want = _expected(row)["subject"] or ""
    if _UTF7_RUN.search(want):
        with contextlib.suppress(UnicodeError, ValueError):
            want = codecs.decode(want.encode("ascii"), "utf-7")
    assert _words(_parsed(row).subject) == _words(want)


def _files(parsed: ParsedMail) -> list[Attachment]:
    files = list(parsed.attachments)
    for original in parsed.forwarded:
        if original.file is not None:
            files.append(original.file)
        files.extend(original.attachments)
    return files


def _md5s(files: list[Attachment]) -> set[str]:
    found = set()
    for file in files:
        found.add(hashlib.md5(file.data).hexdigest())
        if file.content_type.startswith("message/"):
            found.add(hashlib.md5(file.data.replace(b"\r\n", b"\n")).hexdigest())
    return found


@pytest.mark.parametrize(
    "row", [p for p in _params("attachments") if _expected(p.values[0]).get("attachments")]
)
def test_every_attachment_of_the_helpdesk_is_found_by_md5(row: dict) -> None:
    parsed = _parsed(row)
    ours = _md5s(_files(parsed))
    missing = []
    for want in _expected(row).get("attachments", []):
        mime = want.get("Mime-Type") or want.get("Content-Type") or ""
        if want.get("content-alternative"):
            assert parsed.body_html_safe is not None
        elif any(mime.startswith(kind) for kind in REPORT_PARTS):
            assert parsed.bounce is not None
        elif want["size"] == 0:
            continue
        elif want["md5"] not in ours:
            missing.append(f"{want['filename']} ({mime}, {want['size']} bytes)")
    assert not missing
