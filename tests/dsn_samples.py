"""Delivery status notifications as MTAs send them (RFC 3464), for parser and intake tests."""

from __future__ import annotations

from tests.parsers.mails import crlf


def postfix_dsn(*, return_path: str, recipient: str, action: str = "failed",
                status: str = "5.1.1",
                diagnostic: str = "smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: "
                                  "User unknown in virtual mailbox table",
                message_id: str = "20261127091502.4B1C2E0A41@mx1.partenaire-btp.fr") -> bytes:
    """What Postfix sends to the envelope sender when a delivery fails (or is delayed)."""
    diagnostic = diagnostic.format(rcpt=recipient)
    subject = ("Delayed Mail (still being retried)" if action == "delayed"
               else "Undelivered Mail Returned to Sender")
    return crlf(f"""
        Return-Path: <>
        Received: by mx1.partenaire-btp.fr (Postfix) id 4B1C2E0A41;
            Fri, 27 Nov 2026 10:15:02 +0100 (CET)
        Date: Fri, 27 Nov 2026 10:15:02 +0100 (CET)
        From: MAILER-DAEMON@mx1.partenaire-btp.fr (Mail Delivery System)
        Subject: {subject}
        To: {return_path}
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="4B1C2E0A41.1764234902/mx1.partenaire-btp.fr"
        Message-Id: <{message_id}>

        This is a MIME-encapsulated message.

        --4B1C2E0A41.1764234902/mx1.partenaire-btp.fr
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx1.partenaire-btp.fr.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <{recipient}>: host mail.partenaire-btp.fr[192.0.2.25] said: 550 5.1.1
            <{recipient}>: Recipient address rejected: User unknown

        --4B1C2E0A41.1764234902/mx1.partenaire-btp.fr
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx1.partenaire-btp.fr
        X-Postfix-Queue-ID: 4B1C2E0A41
        Arrival-Date: Fri, 27 Nov 2026 10:15:01 +0100 (CET)

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: {action}
        Status: {status}
        Remote-MTA: dns; mail.partenaire-btp.fr
        Diagnostic-Code: {diagnostic}

        --4B1C2E0A41.1764234902/mx1.partenaire-btp.fr
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        From: Mailwall <mailwall@mailwall.localhost>
        To: {recipient}
        Subject: =?utf-8?q?Votre_r=C3=A9sum=C3=A9_de_la_semaine?=

        --4B1C2E0A41.1764234902/mx1.partenaire-btp.fr--
        """)
