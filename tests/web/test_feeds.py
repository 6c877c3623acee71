"""Atom feeds: well-formed XML whatever the mail brought, read by a real XML parser."""

from __future__ import annotations

from xml.etree import ElementTree

from tests.web.conftest import MEMBER, Wall, mail
from web.routes.feeds import xml_text

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_stays_well_formed_when_a_post_carries_control_characters(wall: Wall) -> None:
    # A form feed pasted from a PDF export and a stray SOH from a broken mail client.
    wall.deliver(mail("Compte rendu de la recette",
                      "Bonjour,\n\nPage 1 du compte rendu\x0cPage 2 : anomalies\x01 corrigées."
                      "\n\nCordialement,\nÉlodie\n"))
    response = wall.client(MEMBER).get("/c/atlas/feed.atom")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entries = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}content")
               for e in root.iter(f"{ATOM}entry")}
    content = entries["Compte rendu de la recette"]
    assert content is not None
    assert "Page 1 du compte rendu" in content
    assert "Page 2 : anomalies corrigées." in content
    assert root.findtext(f"{ATOM}title") == "Projet Atlas"
    assert "Comité de pilotage : ordre du jour" in entries


def test_only_what_xml_cannot_carry_is_removed_from_feed_text() -> None:
    kept = "Tab\there, lines\r\nand more — été ☕ 𝄞 \ud7ff\ue000\ufffd"
    removed = "\x00\x01\x08\x0b\x0c\x0e\x1f\ud800\udfff\ufffe\uffff"
    assert xml_text(f"{kept}{removed}") == kept
