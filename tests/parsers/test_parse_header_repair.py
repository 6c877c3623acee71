"""Header sections broken in ways real mail is: the fields after the breakage still count."""

from __future__ import annotations

import base64

from parsers import parse
from tests.parsers.mails import RECEIVED_AT, crlf


def test_junk_line_above_the_headers_does_not_hide_them() -> None:
    raw = crlf(
        """\
        ---- Message d'origine ----
        Return-Path: <formulaire@exemple.fr>
        To: accueil@exemple.fr
        Subject: Demande de contact
        From: formulaire@exemple.fr
        Content-Type: text/plain; charset=utf-8

        Nom : Dupont
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert parsed.sender is not None and parsed.sender.address == "formulaire@exemple.fr"
    assert parsed.subject == "Demande de contact"
    assert parsed.new_text == "Nom : Dupont"


def test_unindented_continuation_lines_are_read_as_part_of_their_field() -> None:
    raw = crlf(
        """\
        Received: from mx.exemple.fr by mail.exemple.fr; Wed, 5 Apr 2017 07:45:31 +0200
        X-Tracker: H4sIAAAAAAAAA+NgFlrIKsWRWlGSWpSXmKPExsWi75nTrTtrwZM
        Ig5drOCwmrVzP5sDoseXbDeYAxijWzLyk/IoE1owFz6ezFkxKrWjafpWpgfFOchcjF4eQwDZG
        iZbLL1ggnEOMEg3T97FCOIcZJX7/WsDcxcgJ5GxmlDg5wwvEZhPwkPhx6DUbiC0iYChxfOFUd
        From: "Martin, Claire" <claire.martin@exemple.fr>
        To: Paul <paul@exemple.fr>
        Subject: AW: Devis 2027
        Content-Type: text/plain; charset=utf-8

        Bonjour Paul, le devis est validé.
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert parsed.sender is not None and parsed.sender.name == "Martin, Claire"
    assert parsed.subject == "AW: Devis 2027"
    assert parsed.body_text.strip() == "Bonjour Paul, le devis est validé."


def test_a_repeated_from_without_address_gives_way_to_the_next_one() -> None:
    raw = crlf(
        """\
        From: [inconnu]
        Reply-To: relance@autre.example
        From: =?utf-8?B?Q2zDqW1lbnQ=?= <clement@exemple.fr>
        To: <info@exemple.fr>
        Subject: Offre
        Content-Type: text/plain; charset=utf-8

        Bonjour.
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert parsed.sender is not None
    assert (parsed.sender.address, parsed.sender.name) == ("clement@exemple.fr", "Clément")


def test_a_comment_beside_the_display_name_is_not_part_of_it() -> None:
    raw = crlf(
        """\
        From: MAILER-DAEMON (Mail Delivery System) <postmaster@exemple.fr>
        To: paul@exemple.fr
        Subject: Undelivered Mail Returned to Sender
        Content-Type: text/plain; charset=utf-8

        Le message n'a pas pu être remis.
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert parsed.sender is not None and parsed.sender.name == "MAILER-DAEMON"


def test_parentheses_inside_a_quoted_display_name_are_kept() -> None:
    raw = crlf(
        """\
        From: "Claire Martin (Achats)" <claire.martin@exemple.fr>
        To: paul@exemple.fr
        Subject: Commande
        Content-Type: text/plain; charset=utf-8

        Commande passée.
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert parsed.sender is not None and parsed.sender.name == "Claire Martin (Achats)"


def test_name_labelled_iso_2022_jp_but_sent_as_shift_jis_is_read_as_japanese() -> None:
    name = "ツール".encode("cp932")
    encoded = base64.b64encode(name + b" Support").decode("ascii")
    raw = crlf(
        f"""\
        From: =?ISO-2022-JP?B?{encoded}?= <support@exemple.jp>
        To: paul@exemple.fr
        Subject: Info
        Content-Type: text/plain; charset=utf-8

        Bonjour.
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert parsed.sender is not None and parsed.sender.name == "ツール Support"


def test_an_address_left_open_by_the_last_field_continues_on_the_next_line() -> None:
    raw = crlf(
        """\
        From: Claire Petit <claire.petit@exemple.fr>
        To: projet@exemple.fr
        Subject: Planning
        Cc: Paul Martin <paul.martin@
        exemple.fr>

        Le planning est en ligne.
        """
    )
    parsed = parse(raw, received_at=RECEIVED_AT)
    assert "paul.martin@exemple.fr" in [a.address for a in parsed.recipients]
    assert parsed.new_text == "Le planning est en ligne."
