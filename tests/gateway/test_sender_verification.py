"""Mailwall as the MX: SPF, DKIM and DMARC verified at intake against a real DNS server.

A small authoritative server (dnslib) on loopback serves the test domains' SPF, DKIM and
DMARC records; mail is sent with smtplib from 127.0.0.2 (lumiere-sa.fr's SPF lists it)
or 127.0.0.3 (it does not), and signed in the test with dkimpy.
"""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import dkim
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cli import main
from gateway.verify import Verifier, VerifySettings
from tests.dns_zone import Zone
from tests.gateway.conftest import ELODIE, LUMIERE, GatewayProcess, Serve, Site, statuses
from wall_store.people import add_member
from wall_store.reasons import Reason

LISTED, UNLISTED = "127.0.0.2", "127.0.0.3"
PARTNER = "karim.haddad@partenaire-btp.fr"  # his domain's SPF ends in ~all, no DMARC
SELECTOR = b"mai2026"


@pytest.fixture(scope="module")
def private_key() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM,
                            serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption())
    der = key.public_key().public_bytes(serialization.Encoding.DER,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return pem, der


@pytest.fixture(scope="module")
def list_key() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM,
                            serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption())
    der = key.public_key().public_bytes(serialization.Encoding.DER,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return pem, der


@pytest.fixture
def zone(private_key: tuple[bytes, bytes], list_key: tuple[bytes, bytes]) -> Iterator[Zone]:
    served = Zone()
    served.txt("lumiere-sa.fr", f"v=spf1 ip4:{LISTED} -all")
    served.txt("_dmarc.lumiere-sa.fr", "v=DMARC1; p=reject; rua=mailto:dmarc@lumiere-sa.fr")
    served.dkim_key(SELECTOR.decode(), "lumiere-sa.fr", private_key[1])
    served.txt("partenaire-btp.fr", f"v=spf1 ip4:{LISTED} ~all")
    # A mailing list that relays from 127.0.0.3 and seals what it forwards (ARC).
    served.txt("liste-chantier.fr", f"v=spf1 ip4:{UNLISTED} -all")
    served.dkim_key("arc", "liste-chantier.fr", list_key[1])
    served.start()
    yield served
    served.stop()


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mail(sender: str = f"Élodie Martin <{ELODIE}>",
         body: str = "Bonjour,\n\nLa réunion de chantier est déplacée à jeudi 14 h.\n\nÉlodie\n",
         message_id: str = "chantier-0412@lumiere-sa.fr") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = LUMIERE
    msg["Subject"] = "Réunion de chantier"
    msg["Message-ID"] = f"<{message_id}>"
    msg.set_content(body)
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def signed(raw: bytes, private_key: tuple[bytes, bytes]) -> bytes:
    signature = dkim.sign(raw, SELECTOR, b"lumiere-sa.fr", private_key[0],
                          include_headers=[b"from", b"to", b"subject", b"message-id"])
    return signature + raw


def verifier(zone: Zone) -> Verifier:
    return Verifier(VerifySettings("mailwall.localhost", zone.address, timeout=2.0))


def results(header: str) -> dict[str, str]:
    """method -> result of an Authentication-Results value."""
    return {part.split("=", 1)[0].strip(): part.split("=", 1)[1].split()[0]
            for part in header.split(";")[1:] if "=" in part}


# --- the verifier against the DNS server -----------------------------------------------


def test_a_dkim_signed_mail_passes_dkim_and_dmarc_from_any_address(
        zone: Zone, private_key: tuple[bytes, bytes]) -> None:
    header = verifier(zone).authenticate(signed(mail(), private_key), ip=UNLISTED,
                                         mail_from=ELODIE, helo="mx.lumiere-sa.fr")
    assert header.startswith("mailwall.localhost;")
    assert (results(header)["dkim"], results(header)["dmarc"]) == ("pass", "pass")


def test_a_tampered_body_fails_dkim(zone: Zone, private_key: tuple[bytes, bytes]) -> None:
    raw = signed(mail(), private_key).replace(b"jeudi 14 h", b"vendredi 9 h")
    header = verifier(zone).authenticate(raw, ip=UNLISTED, mail_from=ELODIE,
                                         helo="mx.lumiere-sa.fr")
    assert (results(header)["dkim"], results(header)["dmarc"]) == ("fail", "fail")
    assert "policy.dmarc=reject" in header


@pytest.mark.parametrize(("ip", "sender", "expected"), [
    (LISTED, ELODIE, "pass"),
    (UNLISTED, ELODIE, "fail"),
    (UNLISTED, PARTNER, "softfail"),
])
def test_spf_judges_the_connecting_address(zone: Zone, ip: str, sender: str,
                                           expected: str) -> None:
    header = verifier(zone).authenticate(mail(sender=sender), ip=ip, mail_from=sender,
                                         helo="mail.example")
    assert results(header)["spf"] == expected


def test_a_mailing_list_forward_with_an_arc_seal_is_recorded_arc_pass(
        zone: Zone, private_key: tuple[bytes, bytes], list_key: tuple[bytes, bytes]) -> None:
    # The list checks Élodie's signature, tags the subject and adds a footer (which breaks
    # her signature), records what it saw and seals the lot.
    original = signed(mail(), private_key)
    seen = (b"Authentication-Results: lists.liste-chantier.fr; dkim=pass "
            b"header.d=lumiere-sa.fr; dmarc=pass header.from=lumiere-sa.fr\r\n")
    forwarded = (seen + original.replace(b"Subject: ", b"Subject: [chantier] ")
                 + b"--\r\nListe chantier\r\n")
    seal = dkim.arc_sign(forwarded, b"arc", b"liste-chantier.fr", list_key[0],
                         b"lists.liste-chantier.fr",
                         include_headers=[b"from", b"to", b"subject", b"message-id"])
    header = verifier(zone).authenticate(b"".join(seal) + forwarded, ip=UNLISTED,
                                         mail_from="chantier-bounces@liste-chantier.fr",
                                         helo="lists.liste-chantier.fr")
    verdict = results(header)
    assert (verdict["spf"], verdict["dkim"], verdict["arc"]) == ("pass", "fail", "pass")


def test_dns_down_is_a_temperror(zone: Zone) -> None:
    down = Verifier(VerifySettings("mailwall.localhost", f"127.0.0.1:{closed_port()}",
                                   timeout=0.5))
    header = down.authenticate(mail(), ip=LISTED, mail_from=ELODIE, helo="mx.lumiere-sa.fr")
    assert results(header)["spf"] == "temperror"
    assert results(header)["dmarc"] == "temperror"


# --- through `mailwall serve` ------------------------------------------------------------


def send(gateway: GatewayProcess, raw: bytes, *, source: str, mail_from: str = ELODIE,
         timeout: float = 60) -> None:
    with smtplib.SMTP("127.0.0.1", gateway.port, local_hostname="mx.lumiere-sa.fr",
                      source_address=(source, 0), timeout=timeout) as smtp:
        smtp.sendmail(mail_from, [LUMIERE], raw)


def queue_show(site: Site, raw_id: int) -> str:
    result = CliRunner().invoke(main, ["queue", "show", str(raw_id)], env=site.env())
    assert result.exit_code == 0, result.output
    return result.output


def test_a_spoofed_p_reject_domain_is_refused_and_the_verdict_shown(
        site: Site, serve: Serve, zone: Zone) -> None:
    gateway = serve(site, policy_dns_resolver=zone.address)
    send(gateway, mail(), source=UNLISTED, mail_from="evil@attacker.example")
    site.wait_until_settled()
    assert statuses(site) == [("rejected", Reason.DMARC_REJECTED.code)]
    [row] = site.raw_messages()
    assert row.peer_ip == UNLISTED
    shown = queue_show(site, row.id)
    assert "authentication_results: mailwall.localhost; spf=" in shown
    assert "dmarc=fail" in shown


def test_a_dkim_signed_mail_from_an_unlisted_address_is_posted(
        sqlite_site: Site, serve: Serve, zone: Zone, private_key: tuple[bytes, bytes]) -> None:
    gateway = serve(sqlite_site, policy_dns_resolver=zone.address)
    send(gateway, signed(mail(), private_key), source=UNLISTED)
    sqlite_site.wait_until_settled()
    assert statuses(sqlite_site) == [("done", Reason.POSTED.code)]


def test_spf_pass_from_the_listed_address_is_posted(
        sqlite_site: Site, serve: Serve, zone: Zone) -> None:
    gateway = serve(sqlite_site, policy_dns_resolver=zone.address)
    send(gateway, mail(), source=LISTED)
    sqlite_site.wait_until_settled()
    assert statuses(sqlite_site) == [("done", Reason.POSTED.code)]


def test_an_spf_softfail_for_an_external_partner_is_held(
        sqlite_site: Site, serve: Serve, zone: Zone) -> None:
    with sqlite_site.sessions() as session, session.begin():
        add_member(session, "projet-lumiere", PARTNER, name="Karim Haddad", role="external")
    gateway = serve(sqlite_site, policy_dns_resolver=zone.address)
    send(gateway, mail(sender=f"Karim Haddad <{PARTNER}>",
                       body="Bonjour,\n\nLe devis pour le lot 3 est prêt.\n\nKarim\n",
                       message_id="devis-lot3@partenaire-btp.fr"),
         source=UNLISTED, mail_from=PARTNER)
    sqlite_site.wait_until_settled()
    assert statuses(sqlite_site) == [("held", Reason.UNAUTHENTICATED_HELD.code)]


def test_dns_down_leaves_the_mail_unauthenticated_and_intake_answers(
        sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site, policy_dns_resolver=f"127.0.0.1:{closed_port()}",
                    policy_dns_timeout_seconds=1)
    # The verification's budget is a few DNS timeouts: far inside the client's patience.
    send(gateway, mail(), source=LISTED, timeout=30)
    sqlite_site.wait_until_settled()
    assert statuses(sqlite_site) == [("held", Reason.UNAUTHENTICATED_HELD.code)]
    [row] = sqlite_site.raw_messages()
    assert "temperror" in (row.authentication_results or "")
