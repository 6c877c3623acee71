"""An attachment's bytes are the file that was attached, whatever the transport did to them."""

from __future__ import annotations

import base64

from parsers import parse
from tests.parsers.mails import RECEIVED_AT, crlf

ATTACHED_MESSAGE = """\
From: Claire Martin <claire.martin@exemple.fr>
To: Paul Durand <paul.durand@exemple.fr>
Subject: =?utf-8?q?Devis_r=C3=A9vis=C3=A9?=
Received: from mail.exemple.fr (mail.exemple.fr [192.0.2.10]) by mx.exemple.fr with ESMTPS {ID}
X-MS-Has-Attach:
Content-Type: text/plain; charset=utf-8

Bonjour Paul, voici le devis révisé.
"""


# A Received line longer than 78 characters, as MTAs write them.
RECEIVED_TAIL = "id 4a5b6c; Tue, 10 Nov 2026 09:00:00 +0100"


def _forward_with(inner: str) -> bytes:
    inner = inner.replace("{ID}", RECEIVED_TAIL)
    return crlf(
        f"""\
        From: Paul Durand <paul.durand@exemple.fr>
        To: equipe@exemple.fr
        Subject: TR: Devis révisé
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Pour info.
        --b1
        Content-Type: message/rfc822
        Content-Disposition: attachment; filename="devis.eml"

        {inner.replace(chr(10), chr(10) + " " * 8)}
        --b1--
        """
    )


def test_attached_message_file_keeps_its_header_lines_as_sent() -> None:
    parsed = parse(_forward_with(ATTACHED_MESSAGE), received_at=RECEIVED_AT)
    (original,) = parsed.forwarded
    assert original.file is not None
    data = original.file.data
    # Not refolded at 78 columns, the empty field not given a trailing space, and the
    # CRLF line ends it was sent with kept.
    assert f"by mx.exemple.fr with ESMTPS {RECEIVED_TAIL}\r\n".encode() in data
    assert b"\r\nX-MS-Has-Attach:\r\n" in data
    assert b"\r\nBonjour Paul, voici le devis r\xc3\xa9vis\xc3\xa9.\r\n" in data


def test_seven_bit_text_attachment_has_the_same_bytes_from_a_crlf_or_lf_store() -> None:
    mail = """\
        From: Claire Martin <claire.martin@exemple.fr>
        To: paul.durand@exemple.fr
        Subject: Compte rendu
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Ci-joint le compte rendu.
        --b1
        Content-Type: text/plain; charset=us-ascii; name="compte-rendu.txt"
        Content-Disposition: attachment; filename="compte-rendu.txt"
        Content-Transfer-Encoding: 7bit

        Point 1: budget
        Point 2: planning
        --b1--
        """
    from_crlf = parse(crlf(mail), received_at=RECEIVED_AT).attachments[0]
    from_lf = parse(crlf(mail).replace(b"\r\n", b"\n"), received_at=RECEIVED_AT).attachments[0]
    assert from_crlf.data == from_lf.data == b"Point 1: budget\nPoint 2: planning"


def test_uuencoded_attachment_without_begin_line_is_decoded() -> None:
    raw = crlf(
        """\
        From: Claire Martin <claire.martin@exemple.fr>
        To: paul.durand@exemple.fr
        Subject: Note
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        La note est jointe.
        --b1
        Content-Type: application/octet-stream; name="note.txt"
        Content-Disposition: attachment; filename="note.txt"
        Content-Transfer-Encoding: x-uuencode

        ,0F]N:F]U<B!0875L
        `
        --b1--
        """
    )
    (attachment,) = parse(raw, received_at=RECEIVED_AT).attachments
    assert attachment.data == b"Bonjour Paul"


def test_html_resource_of_a_related_part_is_an_attachment_not_body_text() -> None:
    raw = crlf(
        """\
        From: Claire Martin <claire.martin@exemple.fr>
        To: paul.durand@exemple.fr
        Subject: Plan d'accès
        MIME-Version: 1.0
        Content-Type: multipart/related; boundary="r1"

        --r1
        Content-Type: text/html; charset=utf-8

        <p>Voici le plan d'accès.</p>
        --r1
        Content-Type: text/html; charset=us-ascii
        Content-Transfer-Encoding: 7bit

        <html>plan</html>
        --r1--
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert "plan d'accès" in parsed.body_text
    assert "<html>plan</html>" not in parsed.body_text
    assert [a.data for a in parsed.attachments] == [b"<html>plan</html>"]


def test_base64_part_with_one_character_too_many_keeps_its_complete_groups() -> None:
    encoded = base64.b64encode(b"rapport annuel.").decode("ascii").rstrip("=") + "Q"
    raw = crlf(
        f"""\
        From: Claire Martin <claire.martin@exemple.fr>
        To: paul.durand@exemple.fr
        Subject: Rapport
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Le rapport.
        --b1
        Content-Type: application/octet-stream; name="rapport.bin"
        Content-Transfer-Encoding: base64

        {encoded}
        --b1--
        """
    )
    (attachment,) = parse(raw, received_at=RECEIVED_AT).attachments
    assert attachment.data == base64.b64decode(encoded[: len(encoded) - len(encoded) % 4])
