"""The benchmark mail generator: valid MIME, deterministic, and the promised mix."""

from __future__ import annotations

import email
import email.policy
import mailbox
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.mailgen import (
    QUOTE_STYLES,
    Sample,
    generate,
    generate_forward,
    generate_samples,
    generate_thread,
    write_maildir,
    write_mbox,
)

SAMPLE_SIZE = 500


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    return list(generate_samples(SAMPLE_SIZE, seed=1))


def _parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_stdlib_parses_every_message_without_defects(samples: list[Sample]) -> None:
    for s in samples:
        msg = _parse(s.raw)
        defects = [(part.get_content_type(), d) for part in msg.walk() for d in part.defects]
        assert not defects, (s.kind, s.message_id, defects)
        assert msg["From"] and msg["Date"] and msg["Subject"] is not None


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert list(generate(60, seed=3)) == list(generate(60, seed=3))
    assert list(generate(60, seed=3)) != list(generate(60, seed=4))


def test_mix_of_kinds_languages_formats_and_charsets(samples: list[Sample]) -> None:
    kinds = Counter(s.kind for s in samples)
    for kind in ("post", "reply", "forward", "forward_attached", "auto_reply", "list"):
        assert kinds[kind] > 0, kinds
    langs = Counter(s.lang for s in samples)
    assert 0.55 < langs["fr"] / len(samples) < 0.85, langs
    assert langs["en"] > 50
    formats = Counter(s.body_format for s in samples)
    assert formats["plain"] > 50 and formats["alternative"] > 150 and formats["html"] > 25
    charsets = Counter(s.charset for s in samples)
    assert {"utf-8", "iso-8859-1", "windows-1252"} <= set(charsets), charsets
    ctes = Counter(s.transfer_encoding for s in samples)
    assert {"quoted-printable", "base64", "8bit"} <= set(ctes), ctes
    # The declared charsets are really used on the wire.
    raw_all = b"\n".join(s.raw for s in samples)
    for token in (b'charset="iso-8859-1"', b'charset="windows-1252"',
                  b"Content-Transfer-Encoding: 8bit", b"=?iso-8859-1?"):
        assert token in raw_all, token


def test_forwards_replies_attachments_and_flags(samples: list[Sample]) -> None:
    assert sum(s.forward_depth >= 2 for s in samples) >= 5
    assert sum(bool(s.attachments) for s in samples) > 50
    styles = {s.style for s in samples if s.kind == "reply"}
    assert {"outlook_fr", "gmail_fr", "apple_fr", "thunderbird_fr", "iphone_fr"} <= styles
    assert any(s.auto_submitted for s in samples if s.kind == "auto_reply")
    assert all(s.list_id for s in samples if s.kind == "list")
    raw_all = b"\n".join(s.raw for s in samples)
    # RFC 2231 (stdlib style) and RFC 2047-in-quotes (Outlook style) file names both occur.
    assert b"filename*=utf-8''" in raw_all
    assert b'filename="=?utf-8?' in raw_all
    assert b"Content-Type: message/rfc822" in raw_all


def test_attachments_decode_with_their_names_and_magic_bytes(samples: list[Sample]) -> None:
    magic = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04",
             "pptx": b"PK\x03\x04", "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff"}
    seen = 0
    for s in samples:
        if not s.attachments or s.kind == "forward_attached":
            continue
        msg = _parse(s.raw)
        found = {a.get_filename(): a for a in msg.iter_attachments()}
        assert set(s.attachments) <= set(found), (s.attachments, list(found))
        for name in s.attachments:
            data = found[name].get_content()
            assert data.startswith(magic[name.rsplit(".", 1)[1]]), name
            seen += 1
    assert seen > 50


def test_sample_metadata_matches_the_message(samples: list[Sample]) -> None:
    for s in samples[:200]:
        msg = _parse(s.raw)
        assert msg["Subject"] == s.subject
        if s.kind == "bounce":
            continue
        assert msg["From"].addresses[0].addr_spec == s.author
        if s.message_id:
            # Long ids are folded onto a continuation line, as Outlook does: strip.
            assert str(msg["Message-ID"]).strip() == s.message_id
        body = msg.get_body(preferencelist=("plain", "html"))
        assert body is not None
        if s.body_format != "html" and s.new_text and s.charset == "utf-8":
            first_line = s.new_text.splitlines()[0]
            assert first_line in body.get_content(), (s.kind, first_line)


def test_thread_headers_are_consistent() -> None:
    thread = generate_thread(5, length=5, styles=["outlook_fr", "gmail_fr", "iphone_fr"])
    root = thread[0].message_id
    assert root
    for prev, cur in zip(thread, thread[1:], strict=False):
        msg = _parse(cur.raw)
        assert str(msg["In-Reply-To"]).strip() == prev.message_id
        refs = msg["References"].split()
        assert refs[0] == root and refs[-1] == prev.message_id
        assert cur.date > prev.date
        assert cur.thread_root == root
    outlook = _parse(thread[1].raw).get_body(preferencelist=("plain",))
    assert outlook is not None
    assert "Envoyé : " in outlook.get_content() and "Objet : " in outlook.get_content()


@pytest.mark.parametrize("style", QUOTE_STYLES)
def test_every_quote_style_builds(style: str) -> None:
    thread = generate_thread(11, length=2, styles=[style], body_format="plain")
    assert thread[1].style == style
    assert not _parse(thread[1].raw).defects


def test_nested_and_attached_forwards() -> None:
    nested = generate_forward(2, style=["gmail_fr", "outlook_fr", "apple_fr"], depth=3,
                              body_format="plain")
    text = _parse(nested.raw).get_body(preferencelist=("plain",)).get_content()
    assert "---------- Message transféré ---------" in text
    assert "Début du message réexpédié :" in text
    assert nested.forward_depth == 3
    attached = generate_forward(2, style="thunderbird_fr", attached=True, thread_length=2)
    msg = _parse(attached.raw)
    inner = [p for p in msg.walk() if p.get_content_type() == "message/rfc822"]
    assert len(inner) == 1
    assert len(attached.forwarded_authors) == 2


def test_large_messages_are_about_100_kb() -> None:
    sizes = [len(raw) for raw in generate(20, seed=2, size="large")]
    assert all(85_000 < n < 125_000 for n in sizes), sizes


def test_mbox_and_maildir_round_trip(tmp_path: Path) -> None:
    raws = list(generate(120, seed=9))
    assert write_mbox(tmp_path / "out.mbox", raws) == 120
    box = mailbox.mbox(str(tmp_path / "out.mbox"))
    try:
        assert len(box) == 120
        ids = [m["Message-ID"] for m in box]
    finally:
        box.close()
    expected = [_parse(r)["Message-ID"] for r in raws]
    assert [i.strip() if i else None for i in ids] == [
        str(e).strip() if e else None for e in expected]
    assert write_maildir(tmp_path / "md", raws) == 120
    assert len(mailbox.Maildir(str(tmp_path / "md"))) == 120
