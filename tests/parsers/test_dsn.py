"""Reading delivery status notifications (RFC 3464): who failed, hard or soft, or no failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.dsn import read_dsn
from tests.dsn_samples import postfix_dsn
from tests.parsers.mails import crlf

RETURN_PATH = "bounce+2a-0123456789abcdef01234567@mailwall.localhost"
DEAD = "ancien.stagiaire@partenaire-btp.fr"
CORPORA = Path(os.environ.get("MAILWALL_CORPORA",
                              Path(__file__).resolve().parents[2].parent / "shared" / "corpora"))


def test_a_user_unknown_is_a_hard_failure_of_that_recipient() -> None:
    report = read_dsn(postfix_dsn(return_path=RETURN_PATH, recipient=DEAD))
    assert report is not None and report.severity == "hard"
    assert report.worst is not None
    assert (report.worst.recipient, report.worst.status) == (DEAD, "5.1.1")
    assert report.worst.diagnostic.startswith("550 5.1.1")


def test_a_full_mailbox_reported_as_4xx_failure_is_soft() -> None:
    report = read_dsn(postfix_dsn(return_path=RETURN_PATH, recipient=DEAD, status="4.2.2",
                                  diagnostic="smtp; 452 4.2.2 Mailbox full"))
    assert report is not None and report.severity == "soft"


def test_a_delayed_delivery_is_no_failure() -> None:
    report = read_dsn(postfix_dsn(return_path=RETURN_PATH, recipient=DEAD, action="delayed",
                                  status="4.4.1", diagnostic="X-Postfix; connect timed out"))
    assert report is not None and report.severity is None
    assert [r.action for r in report.recipients] == ["delayed"]


def test_a_plain_message_is_not_a_report() -> None:
    mail = crlf("""
        From: Claire Petit <claire.petit@lumiere-sa.fr>
        To: mailwall@mailwall.localhost
        Subject: Absence

        Je suis absente jusqu'au 3 décembre.
        """)
    assert read_dsn(mail) is None


def test_a_report_of_another_type_is_not_a_dsn() -> None:
    mail = crlf("""
        From: postmaster@lumiere-sa.fr
        To: mailwall@mailwall.localhost
        Subject: Read: Planning du lot 2
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=disposition-notification; boundary="b"

        --b
        Content-Type: text/plain

        Your message was read.
        --b
        Content-Type: message/disposition-notification

        Final-Recipient: rfc822; claire.petit@lumiere-sa.fr
        Disposition: manual-action/MDN-sent-manually; displayed
        --b--
        """)
    assert read_dsn(mail) is None


@pytest.mark.parametrize("name, severity", [
    ("mail033-undelivered-mail-returned-to-sender.box", "hard"),  # Postfix, user unknown
    ("mail055.box", "hard"),  # Gmail, no such user
    ("mail018.box", "hard"),  # Exchange, unable to relay (and a stray empty block)
    ("mail053.box", "soft"),  # Postfix gives up on a connection time-out: 4.4.1 failed
    ("mail078.box", None),  # Gmail: delayed, still trying
])
def test_real_reports_from_the_zammad_corpus(name: str, severity: str | None) -> None:
    path = CORPORA / "zammad_email_parser" / "mail" / name
    if not path.is_file():
        pytest.skip(f"corpus file {path} is absent")
    report = read_dsn(path.read_bytes())
    assert report is not None and report.severity == severity


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_mangled_report_never_raises(data: st.DataObject) -> None:
    """Reports come from any MTA on the Internet: cut, spliced or garbled, never a traceback."""
    raw = bytearray(postfix_dsn(return_path=RETURN_PATH, recipient=DEAD))
    for _ in range(data.draw(st.integers(0, 8))):
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at + data.draw(st.integers(0, 40))] = data.draw(st.binary(max_size=40))
    report = read_dsn(bytes(raw))
    assert report is None or all(r.severity in ("hard", "soft", None)
                                 for r in report.recipients)


def test_an_rfc2231_report_type_is_understood() -> None:
    raw = postfix_dsn(return_path=RETURN_PATH, recipient=DEAD).replace(
        b"report-type=delivery-status", b"report-type*=us-ascii''delivery-status")
    report = read_dsn(raw)
    assert report is not None and report.severity == "hard"
