"""LMTP (RFC 2033), as a Postfix or Dovecot in front of Mailwall would speak it."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from tests.gateway.conftest import ELODIE, ENTRAIDE, LUMIERE, Serve, Site, free_port
from wall_store.reasons import Reason


def test_lmtp_answers_once_per_recipient_and_delivers_to_both(site: Site, serve: Serve) -> None:
    gateway = serve(site, smtp_lmtp_port=free_port())
    mail = EmailMessage()
    mail["From"] = f"Élodie Martin <{ELODIE}>"
    mail["To"] = f"{LUMIERE}, {ENTRAIDE}"
    mail["Subject"] = "Déménagement du service informatique"
    mail["Message-ID"] = "<demenagement-dsi@lumiere-sa.fr>"
    mail.set_content("Bonjour,\n\nLe service informatique s'installe au 2e étage "
                     "à partir du 2 juin.\n\nÉlodie\n")
    # smtplib.LMTP reads a single reply after DATA; the others are read by hand,
    # which is exactly what checks that there is one per recipient.
    lmtp = smtplib.LMTP("127.0.0.1", gateway.lmtp_port, local_hostname="mx1.lumiere-sa.fr")
    try:
        lmtp.ehlo_or_helo_if_needed()
        assert lmtp.mail(ELODIE)[0] == 250
        assert lmtp.rcpt(LUMIERE)[0] == 250
        assert lmtp.rcpt(ENTRAIDE)[0] == 250
        first = lmtp.data(mail.as_bytes())
        second = lmtp.getreply()
        # Nothing more is waiting: a third reply would be read as the answer to NOOP.
        after = lmtp.noop()
    finally:
        lmtp.close()
    assert first[0] == 250
    assert second[0] == 250
    assert after == (250, b"OK")
    site.wait_until_settled()
    for slug in ("projet-lumiere", "entraide-it"):
        [post] = site.posts(slug)
        assert post["message_id"] == "demenagement-dsi@lumiere-sa.fr"
    assert {row.source.value for row in site.raw_messages()} == {"lmtp"}


def test_lmtp_refuses_an_unknown_recipient_and_answers_only_for_the_accepted_one(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site, smtp_lmtp_port=free_port())
    lmtp = smtplib.LMTP("127.0.0.1", gateway.lmtp_port, local_hostname="mx1.lumiere-sa.fr")
    try:
        lmtp.ehlo_or_helo_if_needed()
        lmtp.mail(ELODIE)
        assert lmtp.rcpt("inconnu@mailwall.localhost")[0] == 550
        assert lmtp.rcpt(LUMIERE)[0] == 250
        reply = lmtp.data(
            b"From: elodie.martin@lumiere-sa.fr\r\nSubject: Point hebdo\r\n"
            b"Message-ID: <point-hebdo@lumiere-sa.fr>\r\n\r\nPoint hebdo annul\xc3\xa9.\r\n"
        )
        after = lmtp.noop()
    finally:
        lmtp.close()
    assert reply[0] == 250
    assert after == (250, b"OK")
    sqlite_site.wait_until_settled()
    assert [p["text"] for p in sqlite_site.posts("projet-lumiere")] == ["Point hebdo annulé."]


def test_lmtp_refuses_a_header_over_the_limits_once_per_recipient(
    sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site, smtp_lmtp_port=free_port())
    folded = b"".join(b" x-%06d=v;\r\n" % i for i in range(1500))
    raw = (
        f"From: Élodie Martin <{ELODIE}>\r\nTo: {LUMIERE}, {ENTRAIDE}\r\n"
        "Subject: Déménagement\r\n".encode()
        + b"Content-Type: text/plain; charset=utf-8;\r\n" + folded
        + b"\r\nBonjour,\r\n"
    )
    lmtp = smtplib.LMTP("127.0.0.1", gateway.lmtp_port, local_hostname="mx1.lumiere-sa.fr")
    try:
        lmtp.ehlo_or_helo_if_needed()
        lmtp.mail(ELODIE)
        lmtp.rcpt(LUMIERE)
        lmtp.rcpt(ENTRAIDE)
        first = lmtp.data(raw)
        second = lmtp.getreply()
        after = lmtp.noop()
    finally:
        lmtp.close()
    refusal = (552, Reason.HEADER_TOO_LARGE.smtp.removeprefix("552 ").encode())
    assert [first, second] == [refusal, refusal]
    assert after == (250, b"OK")
    assert sqlite_site.raw_messages() == []
