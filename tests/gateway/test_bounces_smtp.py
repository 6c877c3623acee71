"""Bounces of Mailwall's own mail through a real `mailwall serve`: a delivery report for a
VERP return path, sent with smtplib as a remote MTA would, is accepted at RCPT, counted,
never posted and never answered; a forged return path is refused at RCPT; past the
threshold the address gets no more mail until `mailwall user unsuppress`."""

from __future__ import annotations

import email
import email.policy
import json
import smtplib
import time
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from click.testing import CliRunner

from cli import main
from tests.dsn_samples import postfix_dsn
from tests.gateway.conftest import DOMAIN, THOMAS, GatewayProcess, Serve, Site
from wall_store import bounces, config, outbox
from wall_store.models import OutboxMessage, OutboxStatus
from wall_store.tokens import bounce_address


def queue_digest(site: Site, subject: str = "Votre résumé de la semaine — Projet Lumière"
                 ) -> int:
    mail = EmailMessage()
    mail["From"] = f"Mailwall <mailwall@{DOMAIN}>"
    mail["To"] = THOMAS
    mail["Subject"] = subject
    mail["Message-ID"] = make_msgid(domain=DOMAIN)
    mail.set_content("Bonjour Thomas,\n\nCette semaine dans Projet Lumière : 3 fils, 7 réponses.\n")
    with site.sessions() as session, session.begin():
        return outbox.queue_mail(
            session, kind="digest", envelope_from=f"mailwall@{DOMAIN}", recipient=THOMAS,
            subject=subject, message_id=str(mail["Message-ID"]).strip("<>"),
            raw=mail.as_bytes()).id


def return_path(site: Site, outbox_id: int) -> str:
    secret = config.load(site.config, env=site.env(smtp_domain=DOMAIN)).secret()
    return bounce_address(secret, DOMAIN, outbox_id)


def send_report(gateway: GatewayProcess, to: str, report: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", gateway.port, local_hostname="mx1.partenaire-btp.fr",
                      timeout=30) as smtp:
        assert smtp.sendmail("", [to], report) == {}


def status_of(site: Site, outbox_id: int) -> OutboxStatus:
    with site.sessions() as session:
        row = session.get(OutboxMessage, outbox_id)
        assert row is not None
        return row.status


def wait_for_status(site: Site, outbox_id: int, wanted: OutboxStatus,
                    timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while status_of(site, outbox_id) is not wanted:
        if time.monotonic() > deadline:
            pytest.fail(f"outbox {outbox_id} is {status_of(site, outbox_id).value}, "
                        f"not {wanted.value}")
        time.sleep(0.1)


def cli(site: Site, *args: str) -> dict:
    result = CliRunner().invoke(main, ["--config", str(site.config), *args, "--json"],
                                env=site.env(smtp_domain=DOMAIN))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_report_for_our_mail_is_accepted_counted_never_posted_never_answered(
    site: Site, serve: Serve
) -> None:
    digest = queue_digest(site)
    verp = return_path(site, digest)
    gateway = serve(site)
    send_report(gateway, verp, postfix_dsn(return_path=verp, recipient=THOMAS))
    site.wait_until_settled()
    [raw] = site.raw_messages()
    assert (raw.status.value, raw.reason) == ("done", "bounce_recorded")
    assert site.posts("projet-lumiere") == [] and site.posts("entraide-it") == []
    with site.sessions() as session:
        state = bounces.state_of(session, THOMAS)
        assert state is not None and state.hard == 1
        # Nothing was queued in answer: the digest is the only outgoing mail.
        assert [r.id for r in outbox.list_outbox(session)] == [digest]


def test_a_forged_return_path_is_refused_at_rcpt(sqlite_site: Site, serve: Serve) -> None:
    digest = queue_digest(sqlite_site)
    verp = return_path(sqlite_site, digest)
    local, _, host = verp.partition("@")
    forged = f"{local[:-1]}{'0' if local[-1] != '0' else '1'}@{host}"  # one digit changed
    gateway = serve(sqlite_site)
    with smtplib.SMTP("127.0.0.1", gateway.port, timeout=30) as smtp:
        smtp.ehlo("mx1.partenaire-btp.fr")
        smtp.mail("")
        code, reply = smtp.rcpt(forged)
    assert code == 550 and b"return path is not valid" in reply
    assert sqlite_site.raw_messages() == []


def test_past_the_threshold_the_address_gets_no_mail_until_unsuppressed(
    sqlite_site: Site, serve: Serve
) -> None:
    first = queue_digest(sqlite_site, "Votre résumé de la semaine 47")
    verp = return_path(sqlite_site, first)
    gateway = serve(sqlite_site, outbound_bounce_threshold=1)
    wait_for_status(sqlite_site, first, OutboxStatus.SENT)
    send_report(gateway, verp, postfix_dsn(return_path=verp, recipient=THOMAS))
    sqlite_site.wait_until_settled()
    shown = cli(sqlite_site, "user", "show", THOMAS)
    assert shown["suppressed"] is True and shown["bounces"].startswith("1 hard")

    second = queue_digest(sqlite_site, "Votre résumé de la semaine 48")
    wait_for_status(sqlite_site, second, OutboxStatus.SUPPRESSED)
    listed = cli(sqlite_site, "outbox", "list", "--state", "suppressed")
    assert [m["id"] for m in listed] == [second]

    assert cli(sqlite_site, "user", "unsuppress", THOMAS)["suppressed"] is False
    assert cli(sqlite_site, "outbox", "retry", str(second)) == {"requeued": 1}
    wait_for_status(sqlite_site, second, OutboxStatus.SENT)
    folder = sqlite_site.data_dir / "outbox"
    subjects = sorted(
        str(email.message_from_bytes(path.read_bytes(), policy=email.policy.default)["Subject"])
        for path in (folder / "new").iterdir())
    assert subjects == ["Votre résumé de la semaine 47", "Votre résumé de la semaine 48"]
