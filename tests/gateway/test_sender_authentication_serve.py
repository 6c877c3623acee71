"""The hole from outside, through a real `mailwall serve`: a forged `From:` of a member.

Behind an MTA (`trusted_authserv_ids` set) loopback is no trusted relay, so a mail that
names Élodie without the MTA's verdict is held, not posted under her name; the quick
start's setup (no trusted authserv-id) keeps trusting loopback.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from tests.gateway.conftest import ELODIE, LUMIERE, Serve, Site, statuses
from wall_store.reasons import Reason

MTA = "mx.lumiere-sa.fr"


def forged(*headers: tuple[str, str]) -> EmailMessage:
    mail = EmailMessage()
    for name, value in headers:
        mail[name] = value
    mail["From"] = f"Élodie Martin <{ELODIE}>"
    mail["To"] = LUMIERE
    mail["Subject"] = "Changement de RIB fournisseur"
    mail["Message-ID"] = "<rib-0412@attacker.example>"
    mail.set_content("Bonjour,\n\nMerci d'utiliser désormais le RIB ci-joint pour les "
                     "paiements.\n\nÉlodie\n")
    return mail


def send(port: int, mail: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, local_hostname="mail.attacker.example",
                      timeout=30) as smtp:
        smtp.send_message(mail, from_addr="evil@attacker.example")


def test_a_forged_member_address_behind_an_mta_is_held_not_posted(
        site: Site, serve: Serve) -> None:
    gateway = serve(site, policy_trusted_authserv_ids=MTA)
    send(gateway.port, forged())
    site.wait_until_settled()
    assert statuses(site) == [("held", Reason.UNAUTHENTICATED_HELD.code)]
    assert site.posts("projet-lumiere") == []
    assert site.raw_messages()[0].peer_ip == "127.0.0.1"


def test_the_mtas_verdict_on_top_counts_and_a_forged_one_below_does_not(
        site: Site, serve: Serve) -> None:
    gateway = serve(site, policy_trusted_authserv_ids=MTA)
    # Our MTA prepends its verdict above the one the attacker wrote with our id.
    send(gateway.port, forged(
        ("Authentication-Results", f"{MTA}; spf=fail smtp.mailfrom=attacker.example; "
                                   "dmarc=fail policy.dmarc=reject header.from=lumiere-sa.fr"),
        ("Authentication-Results", f"{MTA}; dkim=pass header.d=lumiere-sa.fr; "
                                   "dmarc=pass header.from=lumiere-sa.fr"),
    ))
    site.wait_until_settled()
    assert statuses(site) == [("rejected", Reason.DMARC_REJECTED.code)]


def test_a_relay_listed_in_trusted_relays_is_believed_behind_an_mta(
        site: Site, serve: Serve) -> None:
    gateway = serve(site, policy_trusted_authserv_ids=MTA, policy_trusted_relays="127.0.0.0/8")
    send(gateway.port, forged())
    site.wait_until_settled()
    assert statuses(site) == [("done", Reason.POSTED.code)]
