"""parse(): attachments, their names, declared and sniffed types, inline images."""

from __future__ import annotations

import hashlib

from parsers import parse
from parsers.attachments import sniff
from tests.parsers.mails import b64, crlf

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
EXE = (
    b"MZ\x90\x00" + b"\x00" * 56 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 20
)


def _mixed(*parts: str) -> bytes:
    head = crlf(
        """\
        From: Claire Petit <claire.petit@example.fr>
        To: projet-atlas@mur.example.fr
        Subject: Compte-rendu
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="XyZ"

        --XyZ
        Content-Type: text/plain; charset=utf-8

        Ci-joint le compte-rendu.
        """
    )
    body = b"".join(b"--XyZ\r\n" + crlf(p) for p in parts)
    return head + body + b"--XyZ--\r\n"


def _pdf_part(disposition: str) -> str:
    return (
        "Content-Type: application/pdf\n"
        "Content-Transfer-Encoding: base64\n"
        f"Content-Disposition: {disposition}\n\n" + b64(PDF)
    )


def test_rfc2231_french_filename_is_decoded() -> None:
    part = _pdf_part("attachment;\n filename*=utf-8''Compte-rendu%20r%C3%A9union.pdf")
    (attachment,) = parse(_mixed(part)).attachments
    assert attachment.filename == "Compte-rendu réunion.pdf"


def test_rfc2231_continued_latin1_filename_is_decoded() -> None:
    part = _pdf_part(
        "attachment;\n filename*0*=iso-8859-1''Compte-rendu%20r%E9;\n filename*1*=union.pdf"
    )
    (attachment,) = parse(_mixed(part)).attachments
    assert attachment.filename == "Compte-rendu réunion.pdf"


def test_rfc2047_filename_in_quotes_is_decoded_as_outlook_sends_it() -> None:
    part = _pdf_part('attachment; filename="=?utf-8?B?Q29tcHRlLXJlbmR1IHLDqXVuaW9uLnBkZg==?="')
    (attachment,) = parse(_mixed(part)).attachments
    assert attachment.filename == "Compte-rendu réunion.pdf"


def test_raw_8bit_filename_is_decoded() -> None:
    raw = _mixed(_pdf_part('attachment; filename="Réunion.pdf"'))
    (attachment,) = parse(raw.replace("Réunion".encode(), "Réunion".encode("cp1252"))).attachments
    assert attachment.filename == "Réunion.pdf"


def test_filename_path_components_are_dropped() -> None:
    part = _pdf_part('attachment; filename="..\\\\..\\\\Startup\\\\facture.pdf"')
    (attachment,) = parse(_mixed(part)).attachments
    assert attachment.filename == "facture.pdf"


def test_attachment_has_size_hash_bytes_and_declared_type() -> None:
    (attachment,) = parse(_mixed(_pdf_part('attachment; filename="cr.pdf"'))).attachments
    assert attachment.data == PDF
    assert attachment.size == len(PDF)
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.content_type == "application/pdf"
    assert attachment.sniffed_type == "application/pdf"
    assert not attachment.inline


def test_executable_named_as_pdf_is_sniffed_as_executable() -> None:
    part = (
        "Content-Type: application/pdf; name=facture.pdf\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-Disposition: attachment; filename=facture.pdf\n\n" + b64(EXE)
    )
    (attachment,) = parse(_mixed(part)).attachments
    assert attachment.content_type == "application/pdf"
    assert attachment.sniffed_type == "application/x-msdownload"


def test_inline_image_keeps_its_content_id() -> None:
    part = (
        "Content-Type: image/png; name=image001.png\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-ID: <image001.png@01DB8C2E.5A1B2C30>\n"
        "Content-Disposition: inline; filename=image001.png\n\n" + b64(PNG)
    )
    (image,) = parse(_mixed(part)).attachments
    assert image.inline
    assert image.content_id == "image001.png@01DB8C2E.5A1B2C30"
    assert image.sniffed_type == "image/png"


def test_body_parts_of_an_alternative_are_not_attachments() -> None:
    raw = crlf(
        """\
        From: a@example.fr
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain; charset=utf-8

        Bonjour
        --b
        Content-Type: text/html; charset=utf-8

        <p>Bonjour</p>
        --b--
        """
    )
    assert parse(raw).attachments == ()


def test_text_file_attachment_is_an_attachment_not_body() -> None:
    part = (
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Disposition: attachment; filename=notes.txt\n\n"
        "Notes de réunion\n"
    )
    mail = parse(_mixed(part))
    assert [a.filename for a in mail.attachments] == ["notes.txt"]
    assert "Notes de réunion" not in mail.body_text


def test_unnamed_binary_part_gets_a_generated_name() -> None:
    part = "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + b64(PDF)
    (attachment,) = parse(_mixed(part)).attachments
    assert attachment.filename == "attachment-1.pdf"


def test_broken_base64_attachment_is_kept_with_a_defect() -> None:
    part = (
        "Content-Type: application/pdf\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-Disposition: attachment; filename=cassé.pdf\n\n"
        "JVBERi0xLjcK!!!%%%JVBERi0x\n"
    )
    mail = parse(_mixed(part))
    assert [a.filename for a in mail.attachments] == ["cassé.pdf"]
    assert any("Base64" in d or "Padding" in d for d in mail.defects)


def test_sniffing_recognises_office_and_scripts() -> None:
    docx = (
        b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"\x00" * 40 + b"word/document.xml"
    )
    assert sniff(docx) == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert sniff(b"PK\x03\x04" + b"\x00" * 40) == "application/zip"
    assert sniff(b"#!/bin/sh\nrm -rf /\n") == "text/x-script"
    assert sniff(b"\x7fELF\x02\x01\x01") == "application/x-executable"
    assert sniff(b"GIF89a\x01\x00") == "image/gif"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"


def test_plain_text_is_not_sniffed_as_anything() -> None:
    assert sniff(b"MZ est une abreviation, pas un programme.") == ""
    assert sniff("Bonjour à tous".encode()) == ""
