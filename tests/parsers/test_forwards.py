"""Forwarded threads: every original message, with its author, date, subject and own text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers import Address, parse
from parsers.forwards import parse_loose_date
from tests.parsers.mails import RECEIVED_AT, crlf

PARIS = timezone(timedelta(hours=1))


def _plain(subject: str, body: str, sender: str = "Jean Dupont <jean.dupont@example.fr>") -> bytes:
    head = crlf(
        f"""\
        From: {sender}
        To: projet-atlas@mur.example.fr
        Subject: {subject}
        Date: Tue, 4 Mar 2025 09:30:00 +0100
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        """
    )
    return head + crlf(body)


OUTLOOK_TR_THREAD = """\
Pour info, voir l'échange ci-dessous.

Bonne journée,
Jean

De : Marie Curie <marie.curie@example.fr>
Envoyé : lundi 3 mars 2025 10:12
À : Jean Dupont <jean.dupont@example.fr>; Paul Martin <paul.martin@example.fr>
Cc : Sophie Bernard <sophie.bernard@example.fr>
Objet : RE: Budget 2025

Le budget est validé, on lance la commande.

Cordialement,
Marie Curie
Responsable achats

De : Paul Martin <paul.martin@example.fr>
Envoyé : vendredi 28 février 2025 16:45
À : Marie Curie <marie.curie@example.fr>
Objet : Budget 2025

Marie, peux-tu valider le budget ci-joint ?
"""


def test_outlook_tr_forward_gives_each_original_oldest_first() -> None:
    mail = parse(_plain("TR: Budget 2025", OUTLOOK_TR_THREAD), received_at=RECEIVED_AT)
    assert [o.sender for o in mail.forwarded] == [
        Address("paul.martin@example.fr", "Paul Martin"),
        Address("marie.curie@example.fr", "Marie Curie"),
    ]
    assert [o.date for o in mail.forwarded] == [
        datetime(2025, 2, 28, 16, 45, tzinfo=PARIS),
        datetime(2025, 3, 3, 10, 12, tzinfo=PARIS),
    ]
    assert [o.subject for o in mail.forwarded] == ["Budget 2025", "RE: Budget 2025"]


def test_each_original_keeps_only_its_own_text() -> None:
    older, newer = parse(_plain("TR: Budget 2025", OUTLOOK_TR_THREAD)).forwarded
    assert older.text == "Marie, peux-tu valider le budget ci-joint ?"
    assert newer.text == "Le budget est validé, on lance la commande."


def test_original_recipients_are_to_and_cc() -> None:
    newer = parse(_plain("TR: Budget 2025", OUTLOOK_TR_THREAD)).forwarded[-1]
    assert [a.address for a in newer.to] == [
        "jean.dupont@example.fr",
        "paul.martin@example.fr",
        "sophie.bernard@example.fr",
    ]


def test_forwarders_own_words_are_the_new_text() -> None:
    mail = parse(_plain("TR: Budget 2025", OUTLOOK_TR_THREAD))
    assert mail.new_text == "Pour info, voir l'échange ci-dessous."
    assert "Le budget est validé" in mail.quoted_text


def test_outlook_reply_blocks_are_not_forwards_when_the_subject_is_a_reply() -> None:
    assert parse(_plain("RE: Budget 2025", OUTLOOK_TR_THREAD)).forwarded == ()


GMAIL_FR_FORWARD = """\
À regarder avant jeudi.

---------- Forwarded message ---------
De : Sophie Bernard <sophie.bernard@example.fr>
Date: lun. 3 mars 2025 à 17:05
Subject: Présentation RSE
To: <equipe@example.fr>


Bonjour à tous,
La présentation du réseau social d'entreprise a lieu jeudi à 14h.
Sophie
"""


def test_gmail_french_forward_is_unwrapped() -> None:
    (original,) = parse(_plain("Fwd: Présentation RSE", GMAIL_FR_FORWARD)).forwarded
    assert original.sender == Address("sophie.bernard@example.fr", "Sophie Bernard")
    assert original.date == datetime(2025, 3, 3, 17, 5, tzinfo=PARIS)
    assert original.subject == "Présentation RSE"
    assert original.text.startswith("Bonjour à tous,\nLa présentation")


def test_gmail_forward_is_found_whatever_the_subject() -> None:
    assert len(parse(_plain("à lire", GMAIL_FR_FORWARD)).forwarded) == 1


def test_gmail_message_transfere_separator_is_recognised() -> None:
    body = GMAIL_FR_FORWARD.replace("Forwarded message", "Message transféré")
    assert len(parse(_plain("TR: x", body)).forwarded) == 1


APPLE_FR_FORWARD = """\
Pour toi.

Début du message réexpédié :

De: Claire Petit <claire.petit@example.fr>
Objet: Compte-rendu réunion
Date: 3 mars 2025 à 10:12:00 UTC+1
À: Jean Dupont <jean.dupont@example.fr>

Voici le compte-rendu de la réunion de lundi.
"""


def test_apple_mail_french_forward_is_unwrapped() -> None:
    (original,) = parse(_plain("Fwd: Compte-rendu réunion", APPLE_FR_FORWARD)).forwarded
    assert original.sender == Address("claire.petit@example.fr", "Claire Petit")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)
    assert original.subject == "Compte-rendu réunion"
    assert original.text == "Voici le compte-rendu de la réunion de lundi."


THUNDERBIRD_FR_FORWARD = """\


-------- Message transféré --------
Sujet :\tCommande matériel
Date :\tMon, 3 Mar 2025 10:12:00 +0100
De :\tLuc Girard <luc.girard@example.fr>
Pour :\tachats@example.fr



Il nous faut deux écrans de plus.
"""


def test_thunderbird_french_forward_is_unwrapped() -> None:
    (original,) = parse(_plain("Fwd: Commande matériel", THUNDERBIRD_FR_FORWARD)).forwarded
    assert original.sender == Address("luc.girard@example.fr", "Luc Girard")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)
    assert original.subject == "Commande matériel"
    assert original.text == "Il nous faut deux écrans de plus."
    assert [a.address for a in original.to] == ["achats@example.fr"]


ENGLISH_CHAIN = """\
FYI, see the whole thread.

---------- Forwarded message ---------
From: Alice Smith <alice@example.com>
Date: Mon, Mar 3, 2025 at 10:12 AM
Subject: Fwd: Q1 plan
To: Bob <bob@example.com>

Bob, forwarding as discussed.

-------- Forwarded Message --------
Subject: Q1 plan
Date: Fri, 28 Feb 2025 16:45:00 -0500
From: Carol Jones <carol@example.com>
To: alice@example.com

Begin forwarded message:

From: Dan Brown <dan@example.com>
Subject: Q1 plan draft
Date: February 27, 2025 at 9:03:00 AM GMT+1
To: Carol Jones <carol@example.com>

Here is the first draft.
"""


def test_three_level_chain_gives_three_originals_oldest_first() -> None:
    mail = parse(_plain("Fwd: Fwd: Q1 plan", ENGLISH_CHAIN), received_at=RECEIVED_AT)
    assert [o.sender.address for o in mail.forwarded if o.sender] == [
        "dan@example.com",
        "carol@example.com",
        "alice@example.com",
    ]
    assert [o.date for o in mail.forwarded] == [
        datetime(2025, 2, 27, 9, 3, tzinfo=PARIS),
        datetime(2025, 2, 28, 16, 45, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2025, 3, 3, 10, 12, tzinfo=PARIS),
    ]
    assert [o.text for o in mail.forwarded] == [
        "Here is the first draft.",
        "",
        "Bob, forwarding as discussed.",
    ]
    assert mail.new_text == "FYI, see the whole thread."


def test_quoted_reply_inside_a_forward_is_an_original_too() -> None:
    body = """\
Voir ci-dessous.

---------- Message transféré ---------
De : Paul Martin <paul.martin@example.fr>
Date: mar. 4 mars 2025 à 08:15
Subject: Re: Salle
To: Jean Dupont <jean.dupont@example.fr>


C'est réservé.

Le lun. 3 mars 2025 à 18:00, Jean Dupont <jean.dupont@example.fr> a écrit :

> Peux-tu réserver la salle B ?
>
"""
    older, newer = parse(_plain("TR: Salle", body)).forwarded
    assert older.sender == Address("jean.dupont@example.fr", "Jean Dupont")
    assert older.date == datetime(2025, 3, 3, 18, 0, tzinfo=PARIS)
    assert older.text == "Peux-tu réserver la salle B ?"
    assert newer.text == "C'est réservé."


def test_exchange_sender_shown_by_name_only_keeps_the_name() -> None:
    body = OUTLOOK_TR_THREAD.replace(
        "De : Marie Curie <marie.curie@example.fr>", "De : Lefèvre Mathieu"
    )
    newer = parse(_plain("TR: Budget 2025", body)).forwarded[-1]
    assert newer.sender == Address("", "Lefèvre Mathieu")


def test_exchange_sender_shown_by_name_only_gets_the_address_the_thread_gives_them() -> None:
    body = OUTLOOK_TR_THREAD.replace(
        "De : Marie Curie <marie.curie@example.fr>", "De : Curie Marie"
    )
    newer = parse(_plain("TR: Budget 2025", body)).forwarded[-1]
    assert newer.sender == Address("marie.curie@example.fr", "Curie Marie")


def test_old_outlook_mailto_sender_is_read() -> None:
    body = OUTLOOK_TR_THREAD.replace(
        "De : Marie Curie <marie.curie@example.fr>",
        "De : Marie Curie [mailto:marie.curie@example.fr]",
    )
    newer = parse(_plain("TR: Budget 2025", body)).forwarded[-1]
    assert newer.sender == Address("marie.curie@example.fr", "Marie Curie")


ATTACHED = """\
From: Paul Martin <paul.martin@example.fr>
To: Marie Curie <marie.curie@example.fr>
Subject: Devis salle
Date: Fri, 28 Feb 2025 16:45:00 +0100
Message-ID: <devis-1@example.fr>
Content-Type: multipart/mixed; boundary=inner

--inner
Content-Type: text/plain; charset=utf-8

Voici le devis.

Cordialement,
Paul
--inner
Content-Type: application/pdf
Content-Disposition: attachment; filename=devis.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjcK
--inner--
"""


def _with_attached(inner: str, part_headers: str) -> bytes:
    return crlf(
        f"""\
From: Jean Dupont <jean.dupont@example.fr>
To: projet-atlas@mur.example.fr
Subject: TR: Devis salle
Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: text/plain; charset=utf-8

Le devis de Paul en pièce jointe.
--outer
{part_headers}

{inner}
--outer--
"""
    )


def test_message_rfc822_part_is_unwrapped_with_its_attachments() -> None:
    mail = parse(_with_attached(ATTACHED, "Content-Type: message/rfc822"))
    (original,) = mail.forwarded
    assert original.sender == Address("paul.martin@example.fr", "Paul Martin")
    assert original.date == datetime(2025, 2, 28, 16, 45, tzinfo=PARIS)
    assert original.message_id == "devis-1@example.fr"
    assert original.subject == "Devis salle"
    assert original.text == "Voici le devis."
    assert [a.filename for a in original.attachments] == ["devis.pdf"]
    assert mail.attachments == ()
    assert mail.new_text == "Le devis de Paul en pièce jointe."


def test_eml_file_attachment_is_unwrapped_like_a_message_part() -> None:
    headers = (
        "Content-Type: application/octet-stream; name=devis.eml\n"
        "Content-Disposition: attachment; filename=devis.eml"
    )
    (original,) = parse(_with_attached(ATTACHED, headers)).forwarded
    assert original.message_id == "devis-1@example.fr"
    assert [a.filename for a in original.attachments] == ["devis.pdf"]


def test_attached_message_containing_an_attached_message_gives_both_oldest_first() -> None:
    middle = ATTACHED.replace("Message-ID: <devis-1@example.fr>", "Message-ID: <m@example.fr>")
    middle = middle.replace("Date: Fri, 28 Feb 2025", "Date: Mon, 3 Mar 2025")
    middle = middle.replace(
        "--inner--",
        "--inner\nContent-Type: message/rfc822\n\n"
        + ATTACHED.replace("inner", "deep")
        + "\n--inner--",
    )
    mail = parse(_with_attached(middle, "Content-Type: message/rfc822"))
    assert [o.message_id for o in mail.forwarded] == ["devis-1@example.fr", "m@example.fr"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lundi 3 mars 2025 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("lun. 3 mars 2025 à 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("Mon, Mar 3, 2025 at 10:12 AM", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("Monday, March 3, 2025 3:05 PM", datetime(2025, 3, 3, 15, 5, tzinfo=PARIS)),
        ("3 mars 2025 à 10:12:00 UTC+1", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("1er août 2024 à 09h30", datetime(2024, 8, 1, 9, 30, tzinfo=PARIS)),
        ("Mon, 3 Mar 2025 10:12:00 +0000", datetime(2025, 3, 3, 10, 12, tzinfo=UTC)),
        ("03/03/2025 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("25/12/2024 18:00", datetime(2024, 12, 25, 18, 0, tzinfo=PARIS)),
        ("mardi 4 mars 2025 10:12 (UTC+01:00)", datetime(2025, 3, 4, 10, 12, tzinfo=PARIS)),
        ("lunedì 3 marzo 2025 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("maandag 3 maart 2025 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("lunes, 3 de marzo de 2025 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
        ("segunda-feira, 3 de março de 2025 10:12", datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)),
    ],
)
def test_free_form_dates_are_read_in_the_default_zone_or_their_own(
    text: str, expected: datetime
) -> None:
    assert parse_loose_date(text, PARIS) == expected


@pytest.mark.parametrize("text", ["", "demain", "31 février 2025 10:00", "le 99/99/9999"])
def test_unreadable_free_form_dates_give_none(text: str) -> None:
    assert parse_loose_date(text, PARIS) is None


def test_forward_nesting_is_bounded_and_recorded() -> None:
    block = (
        "\n---------- Forwarded message ---------\n"
        "From: A <a@example.com>\nDate: Mon, Mar 3, 2025 at 10:12 AM\nSubject: x\n\ntexte\n"
    )
    mail = parse(_plain("Fwd: x", "intro\n" + block * 50))
    assert len(mail.forwarded) == 10
    assert any("nested too deep" in d for d in mail.defects)


OUTLOOK_HTML_TR = """\
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body lang="FR"><div class="WordSection1"><p class="MsoNormal">Pour info.<o:p></o:p></p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b>De&nbsp;:</b> Marie Curie &lt;<a href="mailto:marie.curie@example.fr">
marie.curie@example.fr</a>&gt; <br><b>Envoyé&nbsp;:</b> lundi 3 mars 2025 10:12<br>
<b>À&nbsp;:</b> Jean Dupont &lt;jean.dupont@example.fr&gt;<br>
<b>Objet&nbsp;:</b> Budget 2025<o:p></o:p></p></div>
<p class="MsoNormal">Le budget est validé.<o:p></o:p></p></div></body></html>
"""


def test_outlook_html_only_forward_is_unwrapped_from_the_converted_text() -> None:
    raw = crlf(
        """\
        From: Jean Dupont <jean.dupont@example.fr>
        Subject: TR: Budget 2025
        Content-Type: text/html; charset=utf-8

        """
    ) + crlf(OUTLOOK_HTML_TR)
    mail = parse(raw)
    (original,) = mail.forwarded
    assert original.sender == Address("marie.curie@example.fr", "Marie Curie")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=UTC)
    assert original.subject == "Budget 2025"
    assert original.text == "Le budget est validé."
    assert mail.new_text == "Pour info."


def test_outlook_original_message_separator_under_a_reply_is_a_quote() -> None:
    body = """\
Ça me va.

-----Original Message-----
From: Paul Martin [mailto:paul.martin@example.fr]
Sent: Monday, March 3, 2025 10:12 AM
To: Jean Dupont
Subject: Salle

On prend la salle B ?
"""
    assert parse(_plain("RE: Salle", body)).forwarded == ()
    (original,) = parse(_plain("FW: Salle", body)).forwarded
    assert original.sender == Address("paul.martin@example.fr", "Paul Martin")
    assert original.text == "On prend la salle B ?"


def test_empty_attached_message_gives_no_original() -> None:
    raw = crlf(
        """\
From: a@example.fr
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

voir pièce jointe
--b
Content-Type: message/rfc822

--b--
"""
    )
    assert parse(raw).forwarded == ()


GMAIL_BLOCK_WITH_DATE_AND_ID = """\
Pour info.

---------- Forwarded message ---------
Date: Mon, 3 Mar 2025 10:12:00 +0100
Message-ID: <planning-lot2@lumiere-sa.fr>
From: Marie Curie <marie.curie@lumiere-sa.fr>
Subject: Planning du lot 2
To: Thomas Bernard <thomas.bernard@lumiere-sa.fr>
References: <lot2-kickoff@lumiere-sa.fr>
 <lot2-budget@lumiere-sa.fr>

Bonjour Thomas,

Le planning du lot 2 est en ligne.

Marie
"""


def test_a_header_block_starting_with_date_and_message_id_gives_one_original() -> None:
    mail = parse(
        _plain("Fwd: Planning du lot 2", GMAIL_BLOCK_WITH_DATE_AND_ID), received_at=RECEIVED_AT
    )
    (original,) = mail.forwarded
    assert original.sender == Address("marie.curie@lumiere-sa.fr", "Marie Curie")
    assert original.subject == "Planning du lot 2"
    # "Marie", set apart under the text, is its author signing it.
    assert original.text == "Bonjour Thomas,\n\nLe planning du lot 2 est en ligne."
    assert original.message_id == "planning-lot2@lumiere-sa.fr"
    assert mail.new_text == "Pour info."


# --- attached replies, Notes, Zimbra, originals' signatures and file lists -------------------

ATTACHED_REPLY = """\
From: Paul Martin <paul.martin@example.fr>
To: Jean Dupont <jean.dupont@example.fr>
Subject: RE: Devis salle
Date: Mon, 3 Mar 2025 10:12:00 +0100
Message-ID: <re-devis@example.fr>
Content-Type: text/plain; charset=utf-8

OK pour le devis, on signe.

Cordialement,
Paul Martin

De : Luc Girard <luc.girard@example.fr>
Envoyé : vendredi 28 février 2025 16:45
À : Paul Martin <paul.martin@example.fr>
Objet : Devis salle

Voici le devis pour la salle.
"""


def test_attached_reply_gives_its_quoted_original_as_an_older_original() -> None:
    mail = parse(_with_attached(ATTACHED_REPLY, "Content-Type: message/rfc822"))
    older, newer = mail.forwarded
    assert older.sender == Address("luc.girard@example.fr", "Luc Girard")
    assert older.date == datetime(2025, 2, 28, 16, 45, tzinfo=PARIS)
    assert older.subject == "Devis salle"
    assert older.text == "Voici le devis pour la salle."
    assert newer.message_id == "re-devis@example.fr"
    assert newer.text == "OK pour le devis, on signe."


def test_attached_reply_with_a_quoted_attribution_gives_the_quoted_original() -> None:
    inner = ATTACHED_REPLY.split("De : Luc")[0] + (
        "Le ven. 28 févr. 2025 à 16:45, Luc Girard <luc.girard@example.fr> a écrit :\n"
        "> Voici le devis pour la salle.\n"
    )
    older, newer = parse(_with_attached(inner, "Content-Type: message/rfc822")).forwarded
    assert older.sender == Address("luc.girard@example.fr", "Luc Girard")
    assert older.date == datetime(2025, 2, 28, 16, 45, tzinfo=PARIS)
    assert older.text == "Voici le devis pour la salle."
    assert newer.text == "OK pour le devis, on signe."


def test_attachment_list_line_is_not_part_of_an_originals_text() -> None:
    body = OUTLOOK_TR_THREAD.replace(
        "Objet : Budget 2025\n", "Objet : Budget 2025\nPièces jointes : budget-2025.xlsx\n"
    ).replace("le budget ci-joint ?\n", "le budget ci-joint ?\n\nAttachments: budget.pdf\n")
    older, newer = parse(_plain("TR: Budget 2025", body)).forwarded
    assert older.text == "Marie, peux-tu valider le budget ci-joint ?"
    assert older.subject == "Budget 2025"


def test_originals_signature_block_under_its_authors_name_is_removed() -> None:
    body = GMAIL_FR_FORWARD.replace(
        "Sophie\n",
        "Sophie Bernard\nChargée de communication interne\nTél. 01 23 45 67 89\nwww.example.fr\n",
    )
    (original,) = parse(_plain("Fwd: Présentation RSE", body)).forwarded
    assert original.text == (
        "Bonjour à tous,\nLa présentation du réseau social d'entreprise a lieu jeudi à 14h."
    )


def test_author_name_alone_on_the_last_line_stays_in_the_original() -> None:
    body = GMAIL_FR_FORWARD.replace("Sophie\n", "Sophie Bernard\n")
    (original,) = parse(_plain("Fwd: Présentation RSE", body)).forwarded
    assert original.text.endswith("a lieu jeudi à 14h.\nSophie Bernard")


def test_originals_disclaimer_is_removed() -> None:
    body = THUNDERBIRD_FR_FORWARD + (
        "\nCordialement,\nLuc\n\nCe message et ses pièces jointes sont confidentiels et "
        "destinés exclusivement à leurs destinataires.\n"
    )
    (original,) = parse(_plain("Fwd: Commande matériel", body)).forwarded
    assert original.text == "Il nous faut deux écrans de plus."


ZIMBRA_CHAIN = """\
Bonjour,
Je te transfère la facture.

----- Mail transféré -----
De: "Paul Martin" <paul.martin@example.fr>
À: "Jean Dupont" <jean.dupont@example.fr>
Envoyé: Lundi 3 Mars 2025 10:12:00
Objet: Facture mars

Voici la facture de mars.

----- Mail original -----
De: "Luc Girard" <luc.girard@example.fr>
À: "Paul Martin" <paul.martin@example.fr>
Envoyé: Vendredi 28 Février 2025 16:45:00
Objet: Facture

Peux-tu m'envoyer la facture ?
"""


def test_zimbra_forward_and_original_markers_give_each_original() -> None:
    mail = parse(_plain("TR: Facture mars", ZIMBRA_CHAIN))
    assert [(o.sender.address if o.sender else "", o.text) for o in mail.forwarded] == [
        ("luc.girard@example.fr", "Peux-tu m'envoyer la facture ?"),
        ("paul.martin@example.fr", "Voici la facture de mars."),
    ]
    assert mail.new_text == "Bonjour,\nJe te transfère la facture."


NOTES_FR = """\
Pour info.

----- Transféré par Jean Dupont/ACME le 04/03/2025 09:00 -----

De :\tPaul Martin/ACME
A :\tJean Dupont/ACME@ACME
Date :\t03/03/2025 10:12
Objet :\tFacture mars

Voici la facture de mars.
"""


def test_notes_forwarded_by_separator_opens_an_original() -> None:
    mail = parse(_plain("Fw: Facture mars", NOTES_FR))
    (original,) = mail.forwarded
    assert original.sender == Address("", "Paul Martin/ACME")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)
    assert original.subject == "Facture mars"
    assert original.text == "Voici la facture de mars."
    assert mail.new_text == "Pour info."


def test_notes_bare_line_header_block_is_read() -> None:
    body = """\
FYI

----- Forwarded by John Smith/ACME on 03/04/2025 09:00 AM -----

Paul Martin/ACME
03/03/2025 10:12 AM
To
John Smith/ACME@ACME
cc
Subject
March invoice

Here is the March invoice.
"""
    mail = parse(_plain("Fw: March invoice", body))
    (original,) = mail.forwarded
    assert original.sender == Address("", "Paul Martin/ACME")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)
    assert original.subject == "March invoice"
    assert original.text == "Here is the March invoice."
    assert mail.new_text == "FYI"


def _html(subject: str, html: str) -> bytes:
    head = crlf(
        f"""\
        From: Jean Dupont <jean.dupont@example.fr>
        To: projet-atlas@mur.example.fr
        Subject: {subject}
        Date: Tue, 4 Mar 2025 09:30:00 +0100
        Content-Type: text/html; charset=utf-8

        """
    )
    return head + crlf(html)


APPLE_HTML_FORWARD = """\
<html><body dir="auto"><div>Pour info, voir ci-dessous.</div><div><br></div><div><br>\
<blockquote type="cite"><div>Début du message réexpédié&nbsp;:</div>\
<br class="Apple-interchange-newline"><div style="margin-top: 0px;"><span><b>De&nbsp;: </b>\
</span><span>Claire Petit &lt;claire.petit@example.fr&gt;</span></div><div><span><b>Objet&nbsp;: \
</b></span><span><b>Compte-rendu réunion</b></span></div><div><span><b>Date&nbsp;: </b></span>\
<span>3 mars 2025 à 10:12:00 UTC+1</span></div><div><span><b>À&nbsp;: </b></span><span>Jean \
Dupont &lt;jean.dupont@example.fr&gt;</span></div><br><div><div>Bonjour,</div><div>Voici le \
compte-rendu de lundi.</div></div></blockquote></div></body></html>
"""


def test_apple_mail_html_forward_inside_a_cite_blockquote_is_unwrapped() -> None:
    mail = parse(_html("Fwd: Compte-rendu réunion", APPLE_HTML_FORWARD))
    (original,) = mail.forwarded
    assert original.sender == Address("claire.petit@example.fr", "Claire Petit")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)
    assert original.subject == "Compte-rendu réunion"
    assert original.text == "Bonjour,\nVoici le compte-rendu de lundi."
    assert mail.new_text == "Pour info, voir ci-dessous."


def _owa_block(sender: str, sent: str, subject: str, body: str) -> str:
    return (
        '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" '
        'dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>De :</b> '
        f"{sender}<br><b>Envoyé :</b> {sent}<br><b>À :</b> Jean Dupont<br><b>Objet :</b> "
        f"{subject}</font><div>&nbsp;</div></div><div>{body}</div>"
    )


def test_outlook_html_chain_of_four_forwards_gives_four_originals_oldest_first() -> None:
    html = (
        "<html><body><div>Pour info, la chaîne complète.</div>"
        + _owa_block(
            "Marie Curie &lt;marie.curie@example.fr&gt;",
            "lundi 3 mars 2025 10:12",
            "TR: Planning",
            "<p>Je te transfère.</p><p>Marie Curie<br>Cheffe de projet<br>Tél. 01 23 45 67 89</p>",
        )
        + _owa_block(
            "Paul Martin &lt;paul.martin@example.fr&gt;",
            "vendredi 28 février 2025 16:45",
            "TR: Planning",
            "<p>Vu avec le client.</p><p>Cordialement,<br>Paul</p><p>Ce message et ses pièces "
            "jointes sont confidentiels et destinés exclusivement à leurs destinataires.</p>",
        )
        + _owa_block(
            "Luc Girard &lt;luc.girard@example.fr&gt;",
            "jeudi 27 février 2025 09:00",
            "RE: Planning",
            "<p>C'est bon pour moi.</p>",
        )
        + _owa_block(
            "Sophie Bernard &lt;sophie.bernard@example.fr&gt;",
            "mercredi 26 février 2025 08:00",
            "Planning",
            "<p>Voici le planning.</p><p>Pièces jointes : planning.pdf</p>",
        )
        + "</body></html>"
    )
    mail = parse(_html("TR: Planning", html))
    assert [(o.sender.address if o.sender else "", o.text) for o in mail.forwarded] == [
        ("sophie.bernard@example.fr", "Voici le planning."),
        ("luc.girard@example.fr", "C'est bon pour moi."),
        ("paul.martin@example.fr", "Vu avec le client."),
        ("marie.curie@example.fr", "Je te transfère."),
    ]
    assert mail.new_text == "Pour info, la chaîne complète."


def _gmail_fwd(name: str, addr: str, date: str, subject: str, body: str, inner: str = "") -> str:
    return (
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded '
        f'message ---------<br>De&nbsp;: <strong class="gmail_sendername" dir="auto">{name}'
        f'</strong> <span dir="auto">&lt;{addr}&gt;</span><br>Date: {date}<br>Subject: '
        f"{subject}<br>To: &lt;equipe@example.fr&gt;<br></div><br><br>"
        f'<div dir="ltr">{body}{inner}</div></div>'
    )


def test_gmail_html_nested_forwards_give_each_original_oldest_first() -> None:
    chain = _gmail_fwd(
        "Marie Curie",
        "marie.curie@example.fr",
        "lun. 3 mars 2025 à 10:12",
        "Fwd: Planning",
        "Je transfère.<br>",
        _gmail_fwd(
            "Paul Martin",
            "paul.martin@example.fr",
            "ven. 28 févr. 2025 à 16:45",
            "Fwd: Planning",
            "Vu avec le client.<br>",
            _gmail_fwd(
                "Luc Girard",
                "luc.girard@example.fr",
                "jeu. 27 févr. 2025 à 09:00",
                "Planning",
                "Voici le planning.<br>",
            ),
        ),
    )
    mail = parse(
        _html("Fwd: Fwd: Fwd: Planning", f'<div dir="ltr">Voir plus bas.<br>{chain}</div>')
    )
    assert [o.text for o in mail.forwarded] == [
        "Voici le planning.",
        "Vu avec le client.",
        "Je transfère.",
    ]
    assert [o.date for o in mail.forwarded] == [
        datetime(2025, 2, 27, 9, 0, tzinfo=PARIS),
        datetime(2025, 2, 28, 16, 45, tzinfo=PARIS),
        datetime(2025, 3, 3, 10, 12, tzinfo=PARIS),
    ]
    assert mail.new_text == "Voir plus bas."


def test_iphone_forward_keeps_the_forwarders_words_and_the_original() -> None:
    body = """\
Voir ci-dessous

Envoyé de mon iPhone

Début du message réexpédié :

De: Paul Martin <paul.martin@example.fr>
Date: 3 mars 2025 à 18:04:21 UTC+1
À: Jean Dupont <jean.dupont@example.fr>
Objet: Devis salle

Bonjour Jean,
Voici le devis.
"""
    mail = parse(_plain("Fwd: Devis salle", body))
    (original,) = mail.forwarded
    assert original.sender == Address("paul.martin@example.fr", "Paul Martin")
    assert original.text == "Bonjour Jean,\nVoici le devis."
    assert mail.new_text == "Voir ci-dessous"


def test_forward_quoted_whole_with_its_header_block_is_unwrapped() -> None:
    body = """\
Regarde ça.

Début du message réexpédié :

> De: Claire Petit <claire.petit@example.fr>
> Date: 3 mars 2025 à 10:12:00 UTC+1
> À: Jean Dupont <jean.dupont@example.fr>
> Objet: Compte-rendu réunion
>
> Voici le compte-rendu.
>
> Claire
"""
    (original,) = parse(_plain("Fwd: Compte-rendu réunion", body)).forwarded
    assert original.sender == Address("claire.petit@example.fr", "Claire Petit")
    assert original.subject == "Compte-rendu réunion"
    assert original.text == "Voici le compte-rendu."  # "Claire" signs it


def test_header_block_with_blank_lines_between_fields_is_one_block() -> None:
    body = """\
Pour info.

-----Message d'origine-----
De : Paul Martin [mailto:paul.martin@example.fr]

Envoyé : lundi 3 mars 2025 10:12
À : Jean Dupont


Objet : Salle

On prend la salle B ?
"""
    (original,) = parse(_plain("TR: Salle", body)).forwarded
    assert original.sender == Address("paul.martin@example.fr", "Paul Martin")
    assert original.subject == "Salle"
    assert original.text == "On prend la salle B ?"


def test_subject_wrapped_over_two_lines_in_a_header_block_is_whole() -> None:
    body = """\
---------- Message transféré ---------
De : Sophie Bernard <sophie.bernard@example.fr>
Subject: Présentation du réseau social d'entreprise aux équipes commerciales de la
région Sud
To: <equipe@example.fr>

La présentation a lieu jeudi.
"""
    (original,) = parse(_plain("Fwd: Présentation", body)).forwarded
    assert original.subject == (
        "Présentation du réseau social d'entreprise aux équipes commerciales de la région Sud"
    )
    assert original.text == "La présentation a lieu jeudi."


def test_attached_apple_reply_with_a_quoted_attribution_gives_the_quoted_original() -> None:
    inner = ATTACHED_REPLY.split("De : Luc")[0] + (
        "> Le 28 févr. 2025 à 16:45, Luc Girard <luc.girard@example.fr> a écrit :\n"
        ">\n> Voici le devis pour la salle.\n"
    )
    older, _ = parse(_with_attached(inner, "Content-Type: message/rfc822")).forwarded
    assert older.sender == Address("luc.girard@example.fr", "Luc Girard")
    assert older.text == "Voici le devis pour la salle."


def test_quoted_author_named_without_address_gets_it_from_the_replys_recipients() -> None:
    inner = ATTACHED_REPLY.split("De : Luc")[0] + (
        "Le 28/02/2025 à 16:45, Luc Girard a écrit :\n> Voici le devis pour la salle.\n"
    )
    inner = inner.replace(
        "To: Jean Dupont <jean.dupont@example.fr>", "To: Luc Girard <luc.girard@example.fr>"
    )
    older, _ = parse(_with_attached(inner, "Content-Type: message/rfc822")).forwarded
    assert older.sender == Address("luc.girard@example.fr", "Luc Girard")


def test_original_quoted_under_an_attribution_takes_the_replys_subject_without_prefix() -> None:
    inner = ATTACHED_REPLY.split("De : Luc")[0] + (
        "Le ven. 28 févr. 2025 à 16:45, Luc Girard <luc.girard@example.fr> a écrit :\n"
        "> Voici le devis pour la salle.\n"
    )
    older, newer = parse(_with_attached(inner, "Content-Type: message/rfc822")).forwarded
    assert newer.subject == "RE: Devis salle"
    assert older.subject == "Devis salle"


def test_originals_closing_over_its_authors_name_is_removed() -> None:
    body = GMAIL_FR_FORWARD.replace("Sophie\n", "Cdlt,\nSophie Bernard\n")
    (original,) = parse(_plain("Fwd: Présentation RSE", body)).forwarded
    assert original.text.endswith("a lieu jeudi à 14h.")


def test_originals_signature_line_with_name_and_title_is_removed() -> None:
    body = GMAIL_FR_FORWARD.replace(
        "Sophie\n",
        "Best,\nSophie Bernard | Chargée de communication\nLumière SA – 69002 Lyon\n"
        "T +33 4 72 00 00 00\n",
    )
    (original,) = parse(_plain("Fwd: Présentation RSE", body)).forwarded
    assert original.text.endswith("a lieu jeudi à 14h.")


def test_notes_indented_header_block_under_a_forwarded_by_line_is_read() -> None:
    body = (
        "Pour suite à donner.\n\n"
        "----- Transféré par Jean Dupont/ACME le 04/03/2025 09:00 -----\n\n"
        "\tPaul Martin <paul.martin@example.fr>\n"
        "\t03/03/2025 10:12\n"
        "\t\t \n"
        "\t\t A: Jean Dupont/ACME@ACME\n"
        "\t\t cc: Sophie Bernard <sophie.bernard@example.fr>, Luc Girard\n"
        "<luc.girard@example.fr>\n"
        "\t\t Objet: Facture mars\n\n"
        "Voici la facture de mars.\n"
    )
    mail = parse(_plain("Fw: Facture mars", body))
    (original,) = mail.forwarded
    assert original.sender == Address("paul.martin@example.fr", "Paul Martin")
    assert original.date == datetime(2025, 3, 3, 10, 12, tzinfo=PARIS)
    assert original.subject == "Facture mars"
    assert [a.address for a in original.to if a.address] == [
        "sophie.bernard@example.fr",
        "luc.girard@example.fr",
    ]
    assert original.text == "Voici la facture de mars."
    assert mail.new_text == "Pour suite à donner."


def test_reply_quoted_in_html_inside_a_gmail_forward_is_an_older_original() -> None:
    html = (
        '<div dir="ltr">Pour info.<br><br>'
        + _gmail_fwd(
            "Paul Martin",
            "paul.martin@example.fr",
            "mar. 4 mars 2025 à 08:15",
            "Re: Salle",
            "C'est réservé.<br>",
            '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 3 mars 2025 à '
            "18:00, Jean Dupont &lt;jean.dupont@example.fr&gt; a écrit&nbsp;:<br></div>"
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px '
            'solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Peux-tu réserver la salle '
            "B ?</div></blockquote></div>",
        )
        + "</div>"
    )
    older, newer = parse(_html("Fwd: Re: Salle", html)).forwarded
    assert older.sender == Address("jean.dupont@example.fr", "Jean Dupont")
    assert older.date == datetime(2025, 3, 3, 18, 0, tzinfo=PARIS)
    assert older.text == "Peux-tu réserver la salle B ?"
    assert newer.text == "C'est réservé."


def test_original_holding_only_a_signature_has_no_text() -> None:
    body = """\
---------- Forwarded message ---------
From: Paul Martin <paul.martin@example.fr>
Date: Mon, Mar 3, 2025 at 10:12 AM
Subject: Fwd: Salle
To: Jean Dupont <jean.dupont@example.fr>

--
Paul Martin - Services généraux

---------- Forwarded message ---------
From: Luc Girard <luc.girard@example.fr>
Date: Fri, Feb 28, 2025 at 4:45 PM
Subject: Salle
To: Paul Martin <paul.martin@example.fr>

La salle B est libre jeudi.
"""
    older, newer = parse(_plain("Fwd: Fwd: Salle", body)).forwarded
    assert older.text == "La salle B est libre jeudi."
    assert newer.text == ""


def test_forwarders_gmail_signature_in_an_html_forward_is_the_signature() -> None:
    html = (
        '<div dir="ltr">Voir plus bas.<br clear="all"><div><br></div><div dir="ltr" '
        'class="gmail_signature" data-smartmail="gmail_signature">Jean Dupont<br>Acheteur | '
        "Lumière SA</div><br>"
        + _gmail_fwd(
            "Luc Girard",
            "luc.girard@example.fr",
            "jeu. 27 févr. 2025 à 09:00",
            "Planning",
            "Voici le planning.<br>",
        )
        + "</div>"
    )
    mail = parse(_html("Fwd: Planning", html))
    assert mail.new_text == "Voir plus bas."
    assert mail.signature == "Jean Dupont\nAcheteur | Lumière SA"
    assert [o.text for o in mail.forwarded] == ["Voici le planning."]


def test_attribution_without_a_lead_word_inside_a_forward_opens_an_older_original() -> None:
    body = GMAIL_FR_FORWARD.replace(
        "Sophie\n",
        "Sophie\n\n3 марта 2025 г., в 10:12, Иван Петров <ivan.petrov@example.ru> написал:\n"
        "> Когда презентация?\n",
    )
    older, newer = parse(_plain("Fwd: Présentation RSE", body)).forwarded
    assert older.sender == Address("ivan.petrov@example.ru", "Иван Петров")
    assert older.text == "Когда презентация?"
    assert newer.sender == Address("sophie.bernard@example.fr", "Sophie Bernard")


def test_verbless_attribution_above_a_quote_inside_a_forward_opens_an_older_original() -> None:
    body = GMAIL_FR_FORWARD.replace(
        "Sophie\n",
        'Sophie\n\n11:00 AM, March 3, 2025, "Paul Martin" <paul.martin@example.fr>:\n'
        "> Quand a lieu la présentation ?\n",
    )
    older, _ = parse(_plain("Fwd: Présentation RSE", body)).forwarded
    assert older.sender == Address("paul.martin@example.fr", "Paul Martin")
    assert older.date == datetime(2025, 3, 3, 11, 0, tzinfo=PARIS)
    assert older.text == "Quand a lieu la présentation ?"


def test_notes_bare_labels_after_an_empty_cc_stay_in_the_header_block() -> None:
    body = """\
Annie, merci de prévenir les agences.

----- Transféré par Patrick Henry/DSI/Groupe Cassin le 05/05/2025 10:12 -----

Jean-Marc Ollier <jean-marc.ollier@cassin.example>
02/05/2025 17:30

Pour
Tous les responsables d'agence
cc

Objet
Migration messagerie



Bonjour,

La migration de la messagerie aura lieu le week-end du 17 mai.
"""
    (original,) = parse(_plain("TR: Migration messagerie", body)).forwarded
    assert original.subject == "Migration messagerie"
    assert original.text == (
        "Bonjour,\n\nLa migration de la messagerie aura lieu le week-end du 17 mai."
    )
