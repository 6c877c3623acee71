"""Charsets: declared, misspelt, wrong, absent, and text encoded twice."""

from __future__ import annotations

import pytest

from parsers import parse
from parsers.charsets import codec_for, decode_bytes, repair_double_encoding

TEXT = "Réunion du réseau : cœur du sujet, 5 € à prévoir — à bientôt"


def _mail(charset_param: str, body: bytes, cte: str = "8bit") -> bytes:
    head = (
        "From: anne@example.fr\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain{charset_param}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n"
    )
    return head.encode("ascii") + body


def test_iso_8859_1_body_is_decoded() -> None:
    body = "Réunion à l'hôtel de ville".encode("latin-1")
    assert parse(_mail('; charset="iso-8859-1"', body)).body_text == "Réunion à l'hôtel de ville"


def test_iso_8859_1_label_with_windows_1252_characters_is_read_as_windows_1252() -> None:
    body = TEXT.encode("cp1252")
    assert parse(_mail("; charset=iso-8859-1", body)).body_text == TEXT


def test_windows_1252_body_is_decoded() -> None:
    assert parse(_mail("; charset=windows-1252", TEXT.encode("cp1252"))).body_text == TEXT


@pytest.mark.parametrize("label", ["utf8", "UTF-8", '"utf-8"', "unicode-1-1-utf-8"])
def test_utf8_spellings_are_understood(label: str) -> None:
    mail = parse(_mail(f"; charset={label}", TEXT.encode()))
    assert mail.body_text == TEXT
    assert mail.defects == ()


def test_misspelt_code_page_is_understood() -> None:
    assert codec_for("cp-850") == "cp850"
    assert parse(_mail("; charset=cp-850", "Réunion".encode("cp850"))).body_text == "Réunion"


@pytest.mark.parametrize("label", ["x-unknown", "unknown-8bit", "bogus-charset-42"])
def test_unknown_charset_falls_back_to_detection(label: str) -> None:
    mail = parse(_mail(f"; charset={label}", TEXT.encode()))
    assert mail.body_text == TEXT


def test_unknown_charset_name_is_recorded_as_a_defect() -> None:
    mail = parse(_mail("; charset=bogus-charset-42", TEXT.encode()))
    assert "unknown charset 'bogus-charset-42'" in mail.defects


def test_utf8_body_declared_as_ascii_is_decoded_as_utf8() -> None:
    assert parse(_mail("; charset=us-ascii", TEXT.encode())).body_text == TEXT


def test_wrong_declared_charset_is_recorded_and_text_recovered() -> None:
    mail = parse(_mail("; charset=utf-8", TEXT.encode("cp1252")))
    assert "Réunion" in mail.body_text
    assert any("does not decode as declared charset" in d for d in mail.defects)


def test_undeclared_latin1_body_is_detected() -> None:
    body = ("Bonjour à tous, la réunion de l'équipe aura lieu à la médiathèque. " * 3).encode(
        "latin-1"
    )
    assert "réunion de l'équipe" in parse(_mail("", body)).body_text


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("rÃ©seau social dâ€™entreprise", "réseau social d’entreprise"),
        ("cÅ“ur", "cœur"),
        ("rĂ©seau", "réseau"),
        ("Ã‰tÃ© Ã  Paris", "Été à Paris"),
    ],
)
def test_double_encoded_utf8_is_repaired(broken: str, fixed: str) -> None:
    assert repair_double_encoding(broken) == fixed


@pytest.mark.parametrize(
    "correct",
    [TEXT, "Ça coûte 5 € à l’équipe, naïve œuvre", "Ångström, Ärger, Ölfeld", "ÂGE — «Âme»"],
)
def test_correct_text_is_left_alone(correct: str) -> None:
    assert repair_double_encoding(correct) == correct


def test_double_encoded_body_is_repaired_in_parse() -> None:
    body = "Le rÃ©seau social dâ€™entreprise".encode()
    assert parse(_mail("; charset=utf-8", body)).body_text == "Le réseau social d’entreprise"


def test_double_encoded_subject_is_repaired() -> None:
    raw = b"From: a@example.fr\r\nSubject: =?utf-8?Q?R=C3=83=C2=A9union?=\r\n\r\nx"
    assert parse(raw).subject == "Réunion"


def test_quoted_printable_latin1_is_decoded() -> None:
    mail = parse(_mail("; charset=iso-8859-1", b"R=E9union =E0 9h", cte="quoted-printable"))
    assert mail.body_text == "Réunion à 9h"


def test_bytes_codecs_are_not_taken_for_charsets() -> None:
    assert codec_for("base64") is None
    assert codec_for("unicode_escape") is None


def test_decoding_never_fails_on_random_bytes() -> None:
    text, _ = decode_bytes(bytes(range(256)) * 4, "utf-8")
    assert isinstance(text, str) and text
