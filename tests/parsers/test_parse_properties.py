"""Property tests: random and mutated MIME never makes parse() raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import ParsedMail, parse
from tests.parsers.mails import RECEIVED_AT
from tests.parsers.test_forwards import ATTACHED, ENGLISH_CHAIN, OUTLOOK_HTML_TR, _plain
from tests.parsers.test_parse import GMAIL_FR, IPHONE_FR, OUTLOOK_FR_REPLY

SEEDS = [
    OUTLOOK_FR_REPLY,
    GMAIL_FR,
    IPHONE_FR,
    _plain("Fwd: Q1", ENGLISH_CHAIN),
    ATTACHED.replace("\n", "\r\n").encode(),
    b"From: a@example.fr\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    + OUTLOOK_HTML_TR.encode(),
]
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _check(mail: ParsedMail) -> None:
    assert isinstance(mail, ParsedMail)
    assert mail.message_id
    assert mail.date is None or mail.date.tzinfo is not None
    assert (mail.sender is None) == (mail.problem is not None)
    assert not any(d.startswith("parser gave up") for d in mail.defects)


@PROPERTY_SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    _check(parse(raw, received_at=RECEIVED_AT))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "dup-line", "junk"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "truncate":
            del data[at:]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "dup-line":
            # Duplicating a line duplicates boundaries, headers and forward separators.
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = bytes(data[start : end + 1 if end >= 0 else len(data)])
            data[start:start] = line * draw(st.integers(1, 5))
        elif kind == "junk":
            data[at:at] = draw(
                st.sampled_from(
                    [b"\r\n--", b"=?utf-8?B?", b"?=", b"boundary=", b"\x00", b"=\r\n", b"\r\n\r\n",
                     b"Content-Type: multipart/mixed; boundary=x\r\n", b"charset=x-bogus",
                     b"Content-Transfer-Encoding: base64\r\n", b"De : a@b.fr\r\nObjet : x\r\n"]
                )
            )  # fmt: skip
    return bytes(data)


@PROPERTY_SETTINGS
@given(mutated())
def test_mutated_realistic_messages_never_raise(raw: bytes) -> None:
    _check(parse(raw, received_at=RECEIVED_AT))


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_any_header_text_never_raises(value: str) -> None:
    raw = ("From: " + value + "\r\nSubject: " + value + "\r\nTo: " + value + "\r\n").encode(
        "utf-8", "surrogatepass"
    )
    parse(raw + b"Date: " + value.encode("utf-8", "surrogatepass") + b"\r\n\r\nx")
