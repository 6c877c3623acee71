"""The SMTP listener as a mail server sees it: `swaks` against a real `mailwall serve`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.gateway.conftest import (
    ELODIE,
    ENTRAIDE,
    LUMIERE,
    THOMAS,
    Serve,
    Site,
    statuses,
)
from tests.services import service_missing
from wall_store.blobs import get_blob

COMPTE_RENDU = """\
Bonjour à tous,

Voici le compte rendu de la réunion de lancement du projet Lumière.

Décisions :
- la recette commence le 14 avril, à Lyon ;
- Thomas prépare le cahier des charges de l'éclairage du hall d'entrée ;
- prochain point d'étape : jeudi à 10 h.

Bonne journée,
Élodie
"""


def run_swaks(swaks: str, port: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [swaks, "--server", f"127.0.0.1:{port}", "--helo", "mx1.lumiere-sa.fr",
         "--timeout", "30", *args],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
    )


def utf8_text_headers() -> list[str]:
    return [
        "--add-header", "MIME-Version: 1.0",
        "--add-header", "Content-Type: text/plain; charset=utf-8",
        "--add-header", "Content-Transfer-Encoding: 8bit",
    ]


def test_a_french_message_is_accepted_and_becomes_a_post(
    swaks: str, site: Site, serve: Serve
) -> None:
    gateway = serve(site)
    sent = run_swaks(
        swaks, gateway.port, "--from", ELODIE, "--to", LUMIERE,
        "--header", "From: =?utf-8?q?=C3=89lodie_Martin?= <elodie.martin@lumiere-sa.fr>",
        "--header", "Subject: =?utf-8?q?Compte_rendu_de_la_r=C3=A9union_de_lancement?=",
        *utf8_text_headers(), "--body", COMPTE_RENDU,
    )
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "<-  250 2.0.0 OK queued as" in sent.stdout
    site.wait_until_settled()
    [post] = site.posts("projet-lumiere")
    assert post["author"] == ELODIE
    assert post["author_name"] == "Élodie Martin"
    assert post["subject"] == "Compte rendu de la réunion de lancement"
    assert "la recette commence le 14 avril, à Lyon" in post["text"]
    assert statuses(site) == [("done", "posted")]


def test_an_unknown_recipient_is_refused_at_rcpt_with_550_5_1_1(
    swaks: str, sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    sent = run_swaks(swaks, gateway.port, "--from", ELODIE,
                     "--to", "inconnu@mailwall.localhost", "--body", "Bonjour ?")
    assert sent.returncode != 0
    assert "<** 550 5.1.1" in sent.stdout
    assert "DATA" not in sent.stdout.split("<** 550 5.1.1", 1)[1]
    assert sqlite_site.raw_messages() == []


def test_a_message_over_the_size_limit_is_refused_with_552_and_not_stored(
    swaks: str, sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site, smtp_max_message_bytes=4000)
    annexe = "Ligne de tableau : 2025-03-12 ; Lyon ; éclairage ; 1 250,00 €\n" * 200
    sent = run_swaks(swaks, gateway.port, "--from", ELODIE, "--to", LUMIERE,
                     "--header", "Subject: Budget détaillé", *utf8_text_headers(),
                     "--body", annexe)
    assert sent.returncode != 0
    assert "<** 552" in sent.stdout
    assert sqlite_site.raw_messages() == []


def test_a_pipelined_session_delivers_to_every_accepted_recipient(
    swaks: str, sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    sent = run_swaks(swaks, gateway.port, "--pipeline", "--from", THOMAS,
                     "--to", f"{LUMIERE},{ENTRAIDE}",
                     "--header", "Subject: Coupure réseau samedi matin",
                     *utf8_text_headers(),
                     "--body", "Bonjour,\n\nLe réseau du site de Lyon sera coupé samedi "
                               "de 8 h à 10 h pour maintenance.\n\nThomas\n")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "250-PIPELINING" in sent.stdout
    assert "does not support PIPELINING" not in sent.stdout + sent.stderr
    sqlite_site.wait_until_settled()
    for slug in ("projet-lumiere", "entraide-it"):
        [post] = sqlite_site.posts(slug)
        assert post["subject"] == "Coupure réseau samedi matin"


def test_an_8bit_utf8_body_keeps_its_accents_on_the_wall(
    swaks: str, sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    body = "Ça marche : l'équipe a validé la maquette à 18 h, après l'été on déménage.\n"
    sent = run_swaks(swaks, gateway.port, "--from", ELODIE, "--to", LUMIERE,
                     "--header", "Subject: Maquette validée", *utf8_text_headers(),
                     "--body", body)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    # The server says it takes 8-bit bodies; swaks then sends the UTF-8 bytes as they are.
    assert "250-8BITMIME" in sent.stdout
    sqlite_site.wait_until_settled()
    [post] = sqlite_site.posts("projet-lumiere")
    assert post["text"] == body.strip()
    [raw] = sqlite_site.raw_messages()
    with sqlite_site.sessions() as session:
        assert body.strip().encode("utf-8") in (get_blob(session, raw.blob_sha256) or b"")


def test_a_utf8_sender_address_is_accepted_with_smtputf8(
    swaks: str, sqlite_site: Site, serve: Serve
) -> None:
    gateway = serve(sqlite_site)
    sender = "élodie@lumière-sa.fr"
    sent = run_swaks(swaks, gateway.port, "--from", sender, "--to", ENTRAIDE,
                     "--header", f"From: Élodie <{sender}>",
                     "--header", "Subject: Question sur l'imprimante du 3e étage",
                     *utf8_text_headers(),
                     "--body", "Bonjour,\n\nL'imprimante du 3e étage affiche « bourrage ». "
                               "Quelqu'un sait la débloquer ?\n\nMerci !\n")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "250-SMTPUTF8" in sent.stdout
    sqlite_site.wait_until_settled()
    [post] = sqlite_site.posts("entraide-it")
    assert post["author"] == sender
    [raw] = sqlite_site.raw_messages()
    assert raw.envelope_from == sender


def test_starttls_with_a_self_signed_certificate_carries_the_message(
    swaks: str, sqlite_site: Site, serve: Serve, self_signed: tuple[Path, Path]
) -> None:
    cert, key = self_signed
    gateway = serve(sqlite_site, smtp_tls_cert=cert, smtp_tls_key=key)
    sent = run_swaks(swaks, gateway.port, "-tls", "--from", THOMAS, "--to", ENTRAIDE,
                     "--header", "Subject: Mot de passe VPN expiré", *utf8_text_headers(),
                     "--body", "Bonjour,\n\nMon mot de passe VPN a expiré ce matin.\n")
    if "requires Net::SSLeay" in sent.stderr:
        service_missing("swaks has no TLS support (install libnet-ssleay-perl)")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "250-STARTTLS" in sent.stdout
    assert "=== TLS started" in sent.stdout
    sqlite_site.wait_until_settled()
    [post] = sqlite_site.posts("entraide-it")
    assert post["subject"] == "Mot de passe VPN expiré"


SMUGGLED = (
    "MAIL FROM:<pdg@lumiere-sa.fr>\r\n"
    f"RCPT TO:<{LUMIERE}>\r\n"
    "DATA\r\n"
    "From: PDG <pdg@lumiere-sa.fr>\r\n"
    f"To: {LUMIERE}\r\n"
    "Subject: Virement urgent\r\n"
    "Message-ID: <smuggled@evil.example>\r\n"
    "\r\n"
    "Merci de faire le virement aujourd'hui.\r\n"
)


@pytest.mark.parametrize("fake_end", ["\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r\n"],
                         ids=["lf-dot-lf", "lf-dot-crlf", "crlf-dot-lf", "cr-dot-crlf"])
def test_smtp_smuggling_with_a_fake_end_of_data_stores_one_message(
    swaks: str, sqlite_site: Site, serve: Serve, tmp_path: Path, fake_end: str
) -> None:
    """SEC Consult's SMTP smuggling: only <CRLF>.<CRLF> ends DATA.

    A server that also takes a bare-LF (or bare-CR) dot as the end would read
    the rest as a second transaction from a spoofed sender.
    """
    gateway = serve(sqlite_site)
    data = (
        f"From: Thomas Bernard <{THOMAS}>\r\n"
        f"To: {LUMIERE}\r\n"
        "Subject: Planning de la semaine\r\n"
        "Message-ID: <planning-s12@lumiere-sa.fr>\r\n"
        "\r\n"
        "Bonjour, le planning est en pièce jointe."
        f"{fake_end}{SMUGGLED}"
        "\r\n."  # swaks adds the final CRLF: the one real end of DATA.
    )
    data_file = tmp_path / "smuggling.eml"
    data_file.write_bytes(data.encode("utf-8"))
    sent = run_swaks(swaks, gateway.port, "--from", THOMAS, "--to", LUMIERE,
                     "--no-data-fixup", "--data", f"@{data_file}")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert sent.stdout.count("<-  250 2.0.0 OK queued as") == 1
    sqlite_site.wait_until_settled()
    [raw] = sqlite_site.raw_messages()
    assert raw.envelope_from == THOMAS
    posts = sqlite_site.posts("projet-lumiere")
    assert [p["message_id"] for p in posts] == ["planning-s12@lumiere-sa.fr"]
    # The would-be second transaction is just text inside the first message.
    with sqlite_site.sessions() as session:
        assert b"MAIL FROM:<pdg@lumiere-sa.fr>" in (get_blob(session, raw.blob_sha256) or b"")
