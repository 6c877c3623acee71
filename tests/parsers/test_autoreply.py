"""Flags for mail no person wrote: auto-replies, bounces, lists, our own loop."""

from __future__ import annotations

import pytest

from parsers import OWN_HEADER, parse
from tests.parsers.mails import crlf


def _mail(headers: str, subject: str = "Budget 2025", sender: str = "anne@example.fr") -> bytes:
    return crlf(f"From: {sender}\nTo: atlas@mur.example.fr\nSubject: {subject}\n{headers}\n\nx\n")


@pytest.mark.parametrize(
    "value", ["auto-replied", "auto-generated", "auto-notified; owner-email=x"]
)
def test_auto_submitted_other_than_no_is_an_auto_reply(value: str) -> None:
    flag = parse(_mail(f"Auto-Submitted: {value}")).auto_reply
    assert flag is not None
    assert flag.reason == f"Auto-Submitted: {value}"


def test_auto_submitted_no_is_a_person() -> None:
    assert parse(_mail("Auto-Submitted: no")).auto_reply is None


@pytest.mark.parametrize("header", ["X-Autoreply: yes", "X-Autorespond: vacation"])
def test_autoreply_headers_flag_an_auto_reply(header: str) -> None:
    flag = parse(_mail(header)).auto_reply
    assert flag is not None and flag.reason == header


@pytest.mark.parametrize("precedence", ["bulk", "junk", "auto_reply"])
def test_precedence_bulk_junk_auto_reply_flag_an_auto_reply(precedence: str) -> None:
    flag = parse(_mail(f"Precedence: {precedence}")).auto_reply
    assert flag is not None and flag.reason == f"Precedence: {precedence}"


def test_precedence_list_is_list_mail_not_auto_reply() -> None:
    mail = parse(_mail("Precedence: list"))
    assert mail.auto_reply is None
    assert mail.list_mail is not None and mail.list_mail.reason == "Precedence: list"


@pytest.mark.parametrize(
    "subject",
    [
        "Réponse automatique : Budget 2025",
        "Automatic reply: Budget 2025",
        "Abwesenheitsnotiz: Budget 2025",
        "Out of Office AutoReply: Budget 2025",
        "Respuesta automática: Budget 2025",
    ],
)
def test_out_of_office_reply_prefix_alone_flags_an_auto_reply(subject: str) -> None:
    flag = parse(_mail("", subject=subject)).auto_reply
    assert flag is not None and subject in flag.reason


@pytest.mark.parametrize(
    "subject",
    [
        "Absent du bureau",
        "Absence du bureau du 3 au 10 mars",
        "Out of Office",
        "Fuera de la oficina",
    ],
)
def test_out_of_office_phrase_alone_is_a_person_announcing_leave(subject: str) -> None:
    assert parse(_mail("", subject=subject)).auto_reply is None


@pytest.mark.parametrize(
    "subject", ["Absent du bureau", "Out of office until Monday", "Fuera de la oficina"]
)
def test_out_of_office_phrase_with_auto_response_suppress_is_an_auto_reply(subject: str) -> None:
    flag = parse(_mail("X-Auto-Response-Suppress: All", subject=subject)).auto_reply
    assert flag is not None and "X-Auto-Response-Suppress" in flag.reason


@pytest.mark.parametrize(
    "subject",
    [
        "Absence du bureau : Comité de pilotage",
        "Out of Office: Budget 2027",
        "Absente du bureau: Planning",
    ],
)
def test_out_of_office_prefix_before_the_original_subject_is_an_auto_reply(subject: str) -> None:
    assert parse(_mail("", subject=subject)).auto_reply is not None


def test_auto_response_suppress_alone_does_not_flag_outlook_mail() -> None:
    assert parse(_mail("X-Auto-Response-Suppress: All")).auto_reply is None


def test_delivery_status_report_is_a_bounce() -> None:
    raw = crlf(
        """\
        From: Mail Delivery System <MAILER-DAEMON@mx.example.fr>
        To: anne@example.fr
        Subject: Undelivered Mail Returned to Sender
        Content-Type: multipart/report; report-type=delivery-status; boundary="R"

        --R
        Content-Type: text/plain

        This is the mail system at host mx.example.fr.
        --R
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.fr
        Final-Recipient: rfc822; nobody@example.fr
        Action: failed
        Status: 5.1.1
        --R--
        """
    )
    mail = parse(raw)
    assert mail.bounce is not None
    assert mail.bounce.reason == "Content-Type: multipart/report; report-type=delivery-status"
    assert mail.attachments == ()


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mx.example.fr", "postmaster@example.fr"])
def test_mailer_daemon_or_postmaster_sender_is_a_bounce(sender: str) -> None:
    flag = parse(_mail("", subject="Delivery failure", sender=sender)).bounce
    assert flag is not None and flag.reason == f"From: {sender}"


def test_x_failed_recipients_is_a_bounce() -> None:
    flag = parse(_mail("X-Failed-Recipients: nobody@example.fr")).bounce
    assert flag is not None and flag.reason == "X-Failed-Recipients: nobody@example.fr"


def test_read_receipt_is_an_auto_reply() -> None:
    raw = _mail(
        'Content-Type: multipart/report; report-type="disposition-notification"; boundary=Z'
    )
    flag = parse(raw).auto_reply
    assert flag is not None and "disposition-notification" in flag.reason


@pytest.mark.parametrize(
    "header",
    ["List-Id: Atlas <atlas.lists.example.fr>", "List-Post: <mailto:atlas@lists.example.fr>"],
)
def test_list_headers_flag_list_mail(header: str) -> None:
    flag = parse(_mail(header)).list_mail
    assert flag is not None and flag.reason == header


def test_list_id_is_kept_in_headers() -> None:
    assert parse(_mail("List-Id: Atlas <atlas.lists.example.fr>")).headers["List-Id"] == (
        "Atlas <atlas.lists.example.fr>"
    )


def test_own_origin_header_flags_own_loop() -> None:
    mail = parse(_mail(f"{OWN_HEADER}: digest; community=atlas"))
    assert mail.own_loop is not None
    assert mail.own_loop.reason == "X-Mailwall-Origin: digest; community=atlas"
    assert mail.headers["X-Mailwall-Origin"] == "digest; community=atlas"


def test_auto_flags_are_none_on_ordinary_mail() -> None:
    mail = parse(_mail(""))
    assert (mail.auto_reply, mail.bounce, mail.list_mail, mail.own_loop) == (None, None, None, None)


def test_precedence_bulk_from_a_mailing_list_is_list_mail_only() -> None:
    mail = parse(_mail("Precedence: bulk\nList-Id: <linux-kernel.vger.kernel.org>"))
    assert mail.auto_reply is None
    assert mail.list_mail is not None


# --- out-of-office text with no auto-reply header (an Outlook rule's template) ---------------


def _text_mail(body: str, subject: str = "RE: Budget 2025") -> bytes:
    return crlf(
        "From: Marie Curie <marie.curie@lumiere-sa.fr>\nTo: atlas@mur.example.fr\n"
        f"Subject: {subject}\nDate: Tue, 4 Mar 2025 09:30:00 +0100\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body
    )


OUTLOOK_RULE_FR = """\
Bonjour,

Je suis absente du 3 au 14 mars inclus, je prendrai connaissance de votre message à mon retour.
En cas d'urgence, vous pouvez contacter Paul Martin au 01 23 45 67 89.

Cordialement,
Marie Curie
"""


def test_outlook_rule_absence_text_without_header_is_an_auto_reply() -> None:
    flag = parse(_text_mail(OUTLOOK_RULE_FR)).auto_reply
    assert flag is not None
    assert flag.reason.startswith("Text: 'Je suis absente'")


def test_english_out_of_office_text_without_header_is_an_auto_reply() -> None:
    body = (
        "Thank you for your email. I am currently out of the office until Monday 17 March "
        "with limited access to email.\nFor urgent matters please contact Bob Smith "
        "(bob.smith@lumiere-sa.fr).\n\nKind regards,\nAlice\n"
    )
    assert parse(_text_mail(body, "Re: Q1 plan")).auto_reply is not None


def test_absence_until_a_date_with_an_urgent_contact_is_an_auto_reply() -> None:
    body = (
        "Bonjour,\nJe suis en congés jusqu'au lundi 17 mars. Pour toute urgence, merci de "
        "contacter paul.martin@lumiere-sa.fr.\nBien cordialement,\nMarie\n"
    )
    assert parse(_text_mail(body, "Planning lot 2")).auto_reply is not None


def test_out_of_office_html_only_text_is_an_auto_reply() -> None:
    raw = crlf(
        "From: Marie Curie <marie.curie@lumiere-sa.fr>\nTo: atlas@mur.example.fr\n"
        "Subject: RE: Budget 2025\nContent-Type: text/html; charset=utf-8\n\n"
        '<html><body><p class="MsoNormal">Bonjour,</p><p class="MsoNormal">Je suis absente '
        "jusqu’au 14/03 inclus. Je prendrai connaissance de votre message à mon retour.</p>"
        '<p class="MsoNormal">Cordialement,<br>Marie Curie</p></body></html>\n'
    )
    assert parse(raw).auto_reply is not None


def test_saying_you_will_be_away_tomorrow_in_a_reply_is_not_an_auto_reply() -> None:
    body = "Je serai absent demain, on en reparle lundi.\n\nJean\n"
    assert parse(_text_mail(body, "RE: Réunion de lancement")).auto_reply is None


def test_absence_mentioned_in_a_longer_discussion_is_not_an_auto_reply() -> None:
    body = (
        "Merci pour le planning.\n\nJe suis absent du 3 au 14 mars, en cas d'urgence voir avec "
        "Paul. Pour le lot 2, il faudrait décaler la livraison d'une semaine : le fournisseur "
        "ne peut pas livrer avant le 20. Est-ce que ça vous convient ?\n\nJean\n"
    )
    assert parse(_text_mail(body, "RE: Planning lot 2")).auto_reply is None


def test_leave_announced_to_the_team_is_not_an_auto_reply() -> None:
    body = (
        "Bonjour à tous,\n\nJe suis en congés du 3 au 14 mars. En cas d'urgence, vous pouvez "
        "contacter Paul.\n\nJean\n"
    )
    assert parse(_text_mail(body, "Congés")).auto_reply is None


def test_future_absence_with_an_urgent_contact_but_no_word_of_the_readers_message_is_a_person() -> (
    None
):
    body = "Je serai absent du 3 au 14 mars, si c'est urgent appelle Paul.\n\nJean\n"
    assert parse(_text_mail(body, "RE: Planning lot 2")).auto_reply is None


def test_absence_statement_alone_is_not_an_auto_reply() -> None:
    body = "Je suis en déplacement jusqu'à jeudi, je regarde ton document ce soir.\nJean\n"
    assert parse(_text_mail(body, "RE: Devis")).auto_reply is None


@pytest.mark.parametrize(
    "body",
    [
        "Buenos días,\nEstoy fuera de la oficina hasta el 14 de marzo. Para asuntos urgentes, "
        "póngase en contacto con Ana García (ana.garcia@lumiere-sa.es).\nSaludos,\nMarta\n",
        "Buongiorno,\nsono fuori ufficio fino al 14 marzo. Risponderò al suo messaggio al mio "
        "rientro.\nCordiali saluti,\nGiulia\n",
        "Guten Tag,\nich bin bis zum 14. März nicht im Büro. Ihre Nachricht wird nicht "
        "weitergeleitet. In dringenden Fällen wenden Sie sich bitte an Herrn Braun.\nMfG\n",
    ],
)
def test_out_of_office_text_in_other_languages_is_an_auto_reply(body: str) -> None:
    assert parse(_text_mail(body, "RE: Bestellung 4711")).auto_reply is not None


def test_future_absence_in_italian_without_a_word_of_the_readers_message_is_a_person() -> None:
    body = "Sarò assente dal 3 al 14 marzo, per urgenze chiama Paolo.\n\nGiulia\n"
    assert parse(_text_mail(body, "Re: Riunione")).auto_reply is None


def test_leave_announced_to_colleagues_in_spanish_is_not_an_auto_reply() -> None:
    body = (
        "Hola a todos,\n\nEstoy de vacaciones hasta el 14 de marzo. Para asuntos urgentes, "
        "póngase en contacto con Ana.\n\nMarta\n"
    )
    assert parse(_text_mail(body, "Vacaciones")).auto_reply is None
