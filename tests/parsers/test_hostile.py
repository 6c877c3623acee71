"""Hostile input: work stays bounded (checked by counting parts and output sizes, never time)."""

from __future__ import annotations

import base64
import email.feedparser
import email.message
import quopri

import pytest

from parsers import ParsedMail, bodies, parse
from parsers.bodies import MAX_MESSAGE_DEPTH, MAX_PARTS
from parsers.headers import MAX_HEADER_CHARS, MAX_IDS
from parsers.html_text import MAX_HTML_CHARS
from parsers.mail import MAX_BODY_CHARS
from parsers.mime import MAX_HEADER_LINES, MAX_PARAM_HEADER_CHARS, line_budget

HEAD = b"From: Anne <anne@example.fr>\r\nTo: atlas@mur.example.fr\r\nSubject: test\r\n"


def _assert_sane(mail: ParsedMail) -> None:
    assert mail.sender is not None
    assert len(mail.body_text) <= MAX_BODY_CHARS
    assert not any(d.startswith("parser gave up") for d in mail.defects) or mail.parts_visited == 0


def test_fifty_megabyte_attachment_is_decoded_once() -> None:
    payload = b"%PDF-1.4\n" + b"x" * 38_000_000
    raw = (
        HEAD + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nCi-joint.\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename=a.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(payload) + b"--b--\r\n"
    )
    assert len(raw) > 50_000_000
    mail = parse(raw)
    (attachment,) = mail.attachments
    assert attachment.size == len(payload)
    assert attachment.sniffed_type == "application/pdf"
    assert mail.new_text == "Ci-joint."
    assert mail.parts_visited == 3


def test_huge_text_body_is_cut_and_the_cut_recorded() -> None:
    raw = HEAD + b"\r\n" + b"une ligne de texte ordinaire et assez longue\r\n" * 600_000
    mail = parse(raw)
    assert len(mail.body_text) == MAX_BODY_CHARS
    assert any("body text longer than" in d for d in mail.defects)
    assert any("were trimmed and searched" in d for d in mail.defects)


def test_thousands_of_parts_stop_at_the_part_budget() -> None:
    parts = b"".join(
        b"--b\r\nContent-Type: application/octet-stream\r\n\r\nxx\r\n" for _ in range(5000)
    )
    mail = parse(HEAD + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts + b"--b--\r\n")
    assert mail.parts_visited == MAX_PARTS
    assert len(mail.attachments) < MAX_PARTS
    assert any(f"more than {MAX_PARTS} MIME parts" in d for d in mail.defects)


def test_deeply_nested_multiparts_do_not_raise() -> None:
    nesting = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
        for i in range(3000)
    )
    mail = parse(HEAD + nesting + b"Content-Type: text/plain\r\n\r\nfond\r\n")
    _assert_sane(mail)
    assert mail.parts_visited <= MAX_PARTS
    assert mail.defects


def test_moderately_nested_multiparts_stop_at_the_depth_budget() -> None:
    nesting = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(200)
    )
    mail = parse(HEAD + nesting + b"Content-Type: text/plain\r\n\r\nfond\r\n")
    _assert_sane(mail)
    assert any("nesting deeper" in d or "gave up" in d for d in mail.defects)


def test_deeply_nested_attached_messages_stop_at_the_message_depth() -> None:
    inner = b"From: z@example.fr\r\nSubject: fond\r\n\r\nfond\r\n"
    for i in range(200):
        inner = b"From: y%d@example.fr\r\nContent-Type: message/rfc822\r\n\r\n" % i + inner
    mail = parse(HEAD + b"Content-Type: message/rfc822\r\n\r\n" + inner)
    assert len(mail.forwarded) == MAX_MESSAGE_DEPTH
    assert any("messages nested deeper" in d for d in mail.defects)


def test_megabyte_header_lines_are_cut_before_decoding() -> None:
    raw = (
        b"From: anne@example.fr\r\nX-Junk: " + b"a" * 1_000_000 + b"\r\n"
        b"Subject: " + b"=?utf-8?Q?R=C3=A9?= " * 80_000 + b"\r\n\r\nx\r\n"
    )
    mail = parse(raw)
    assert len(mail.subject) <= MAX_HEADER_CHARS
    assert "budget: Subject header cut" in mail.defects


def test_hundred_thousand_references_keep_root_and_latest() -> None:
    refs = b" ".join(b"<%d@example.fr>" % i for i in range(100_000))
    mail = parse(b"From: anne@example.fr\r\nReferences: " + refs + b"\r\n\r\nx")
    assert len(mail.references) == MAX_IDS
    assert mail.references[0] == "0@example.fr"
    assert mail.references[-1] == "99999@example.fr"


def test_fifty_thousand_recipients_are_capped() -> None:
    to = b", ".join(b"u%d@example.fr" % i for i in range(50_000))
    mail = parse(b"From: anne@example.fr\r\nTo: " + to + b"\r\n\r\nx")
    assert 0 < len(mail.recipients) <= 500


def test_nul_bytes_are_survived() -> None:
    mail = parse(b"From: anne@example.fr\r\nSubject: a\x00b\r\n\r\n" + b"\x00" * 100_000)
    assert mail.subject == "a b"
    assert mail.sender is not None


def test_broken_base64_and_quoted_printable_bodies_are_survived() -> None:
    raw = (
        HEAD + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b"!!@@##" * 10_000 + b"\r\n"
        b"--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + b"=ZZ=" * 10_000 + b"\r\n"
        b"--b\r\nContent-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\nabc\r\n--b"
    )
    mail = parse(raw)
    _assert_sane(mail)
    assert [a.content_type for a in mail.attachments] == ["image/png"]
    assert any("Base64" in d for d in mail.defects)


def test_deeply_nested_html_gives_bounded_output() -> None:
    raw = (
        HEAD + b"Content-Type: text/html\r\n\r\n" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000
    )
    mail = parse(raw)
    assert mail.body_html_safe is not None
    assert len(mail.body_html_safe) < 100_000


def test_oversized_html_is_cut_and_recorded() -> None:
    raw = HEAD + b"Content-Type: text/html\r\n\r\n" + b"<p>bla <b>bla</b></p>" * 60_000
    mail = parse(raw)
    assert len(mail.body_text) < MAX_HTML_CHARS
    assert any("HTML body longer than" in d for d in mail.defects)


@pytest.mark.parametrize(
    "body",
    [
        b"De : a@b.fr\r\nObjet : x\r\n" * 20_000,
        b"---------- Forwarded message ---------\r\nFrom: a@b.fr\r\nDate: x\r\n\r\n" * 5_000,
        b"Le lundi 3 mars 2025 a ecrit :\r\n> x\r\n" * 20_000,
        b"Le " + b" " * 200_000 + b"a ecrit\r\n",
        b"> " * 100_000 + b"\r\n",
        b"=?" * 100_000,
        b"Re: " * 100_000,
    ],
    ids=["outlook-blocks", "separators", "attributions", "spaces", "quotes", "ew-starts", "re"],
)
def test_backtracking_bait_is_handled_with_bounded_output(body: bytes) -> None:
    mail = parse(b"From: anne@example.fr\r\nSubject: TR: " + body[:5000] + b"\r\n\r\n" + body)
    assert len(mail.forwarded) <= 10
    assert len(mail.new_text) <= MAX_BODY_CHARS


# --- parameter lists, line counts, header sections (issue: hostile mail is bounded) ----------


@pytest.fixture
def parseparam_inputs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lengths of every value the stdlib's quadratic parameter parser is given."""
    seen: list[int] = []
    original = email.message._parseparam

    def counting(value: str) -> list[str]:
        seen.append(len(str(value)))
        return original(value)

    monkeypatch.setattr(email.message, "_parseparam", counting)
    return seen


@pytest.fixture
def lines_fed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines the stdlib's MIME parser is handed, in total."""
    fed = [0]
    original = email.feedparser.BufferedSubFile.pushlines

    def counting(self: email.feedparser.BufferedSubFile, lines: list[str]) -> None:
        fed[0] += len(lines)
        original(self, lines)

    monkeypatch.setattr(email.feedparser.BufferedSubFile, "pushlines", counting)
    return fed


def test_a_megabyte_content_type_reaches_parameter_parsing_only_up_to_the_bound(
    parseparam_inputs: list[int],
) -> None:
    params = b"".join(b"; p%d=v" % i for i in range(150_000))
    raw = (
        HEAD + b"Content-Type: multipart/mixed; boundary=\"b\"" + params + b"\r\n\r\n"
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoici le compte rendu.\r\n"
        b"--b\r\nContent-Type: application/pdf; name=cr.pdf" + params + b"\r\n"
        b"Content-Disposition: attachment; filename=cr.pdf" + params + b"\r\n\r\n"
        b"%PDF-1.4 compte rendu\r\n--b--\r\n"
    )
    assert len(raw) > 3_000_000
    mail = parse(raw)
    assert mail.new_text == "Voici le compte rendu."
    assert [a.filename for a in mail.attachments] == ["cr.pdf"]
    assert parseparam_inputs and max(parseparam_inputs) <= MAX_PARAM_HEADER_CHARS + 1


def test_millions_of_blank_lines_reach_the_mime_parser_only_up_to_the_line_budget(
    lines_fed: list[int],
) -> None:
    raw = HEAD + b"\r\nBonjour,\r\n" + b"\r\n" * 12_000_000
    mail = parse(raw)
    assert lines_fed[0] <= line_budget(len(raw)) + 10
    assert mail.new_text == "Bonjour,"
    assert f"budget: more than {line_budget(len(raw))} lines, the rest was not read" in mail.defects


def test_lines_ended_by_bare_carriage_returns_count_against_the_line_budget(
    lines_fed: list[int],
) -> None:
    raw = HEAD + b"\r\n" + b"a\r" * 3_000_000
    mail = parse(raw)
    assert lines_fed[0] <= line_budget(len(raw)) + 10
    assert any("lines, the rest was not read" in d for d in mail.defects)


def test_an_attached_eml_full_of_encoded_blank_lines_is_bounded_too(lines_fed: list[int]) -> None:
    inner = b"From: Paul <paul@example.com>\r\nSubject: vide\r\n\r\n" + b"\n" * 3_000_000
    raw = (
        HEAD + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        b"--b\r\nContent-Type: text/plain\r\n\r\nSee the attached mail.\r\n"
        b"--b\r\nContent-Type: message/rfc822; name=old.eml\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(inner) + b"--b--\r\n"
    )
    mail = parse(raw)
    assert lines_fed[0] <= 2 * line_budget(len(raw))
    assert any(d.startswith("attached message: budget: more than") for d in mail.defects)


def test_a_header_section_of_thousands_of_lines_keeps_only_the_first_ones(
    lines_fed: list[int],
) -> None:
    received = b"".join(
        b"Received: from relay%d.example.net by mx.example.fr; Tue, 4 Mar 2025 09:30:00 +0100\r\n"
        % i for i in range(50_000)
    )
    mail = parse(HEAD + received + b"\r\nHello team, the release is out.\r\n")
    assert mail.sender is not None and mail.sender.address == "anne@example.fr"
    assert mail.new_text == "Hello team, the release is out."
    assert MAX_HEADER_LINES - 10 < int(mail.headers["Received-Count"]) < MAX_HEADER_LINES
    assert any(f"over {MAX_HEADER_LINES} lines" in d for d in mail.defects)


# --- classified, not lost ---------------------------------------------------------------------


def test_a_blank_first_line_is_skipped_and_the_headers_are_kept() -> None:
    raw = (
        "\r\nFrom: Élodie Martin <elodie.martin@lumiere-sa.fr>\r\n"
        "To: projet-lumiere@mur.example.fr\r\nSubject: Réunion de lancement\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Bonjour à tous,\r\nla réunion de lancement est jeudi à 10 h.\r\n"
    ).encode()
    mail = parse(raw)
    assert mail.sender is not None and mail.sender.address == "elodie.martin@lumiere-sa.fr"
    assert mail.subject == "Réunion de lancement"
    assert mail.new_text.startswith("Bonjour à tous,")
    assert mail.problem is None
    assert "blank line before the headers, skipped" in mail.defects


INNER = (
    "From: Anne Leroy <anne.leroy@example.com>\r\nTo: team@example.com\r\n"
    "Subject: Budget 2026\r\nDate: Mon, 3 Mar 2025 10:12:00 +0000\r\n"
    "Message-ID: <budget-2026@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hi all, the budget draft is ready. Coffee at the café at 10.\r\n"
).encode()


@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [("base64", base64.encodebytes(INNER)), ("quoted-printable", quopri.encodestring(INNER))],
)
def test_a_transfer_encoded_message_part_is_decoded_before_unwrapping(
    encoding: str, encoded: bytes
) -> None:
    raw = (
        b"From: Tom Baker <tom.baker@example.com>\r\nTo: finance@mur.example.com\r\n"
        b"Subject: Fwd: Budget 2026\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n"
        b"--zz\r\nContent-Type: text/plain\r\n\r\nSee the attached message.\r\n"
        b"--zz\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: "
        + encoding.encode() + b"\r\n\r\n" + encoded + b"\r\n--zz--\r\n"
    )
    mail = parse(raw)
    (original,) = mail.forwarded
    assert original.sender is not None and original.sender.address == "anne.leroy@example.com"
    assert original.text == "Hi all, the budget draft is ready. Coffee at the café at 10."
    assert original.message_id == "budget-2026@example.com"
    assert mail.attachments == ()


def test_each_attached_original_knows_the_file_it_came_from() -> None:
    raw = (
        b"From: Tom Baker <tom.baker@example.com>\r\nTo: finance@mur.example.com\r\n"
        b"Subject: Fwd: Budget 2026\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n"
        b"--zz\r\nContent-Type: text/plain\r\n\r\nSee the attached message.\r\n"
        b"--zz\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename=\"budget.eml\"\r\n\r\n" + INNER +
        b"\r\n--zz--\r\n"
    )
    (original,) = parse(raw).forwarded
    assert original.file is not None
    assert original.file.filename == "budget.eml"
    assert original.file.data.startswith(b"From: Anne Leroy")


def test_flowed_text_decoding_to_millions_of_lines_is_unflowed_only_up_to_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unflowed: list[int] = []
    original = bodies._unflow

    def counting(text: str, part: email.message.Message) -> str:
        unflowed.append(len(text))
        return original(text, part)

    monkeypatch.setattr(bodies, "_unflow", counting)
    raw = (
        HEAD + b"Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes("Bonjour à tous,\n".encode() + b"\n" * 6_000_000)
    )
    mail = parse(raw)
    assert unflowed == [bodies.MAX_FLOWED_CHARS]
    assert mail.new_text == "Bonjour à tous,"
    assert any(d.startswith("budget: flowed text longer than") for d in mail.defects)
