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
