"""The benchmark's tolerant comparison forgives conventions, never lost or extra text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "trimming.py"
_spec = importlib.util.spec_from_file_location("mailwall_bench_trimming_cmp", _PATH)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)

REPLY = "Bonjour Paul,\n\nLe devis est validé, je lance la commande."


def test_same_text_with_other_blank_lines_and_trailing_spaces_matches() -> None:
    assert bench.text_matches(
        "Bonjour Paul,  \n\n\n\nLe devis est validé, je lance la commande.", "", REPLY
    )


def test_upstream_keeping_what_we_filed_as_signature_matches() -> None:
    signature = "Cordialement,\nClaire Martin\nResponsable achats"
    assert bench.text_matches(REPLY, signature, REPLY + "\n\n" + signature)


def test_our_text_keeping_a_standard_sign_off_matches() -> None:
    assert bench.text_matches(REPLY + "\n\nBien à vous,\nClaire Martin", "", REPLY)


def test_our_text_keeping_the_corpus_labelled_signature_matches() -> None:
    ours = REPLY + "\n\nClaire Martin | Achats | 01 23 45 67 89"
    assert bench.text_matches(ours, "", REPLY, "Claire Martin | Achats | 01 23 45 67 89")


def test_attribution_line_on_either_side_matches() -> None:
    attribution = "Le mar. 10 nov. 2026 à 09:12, Paul Durand <paul@exemple.fr> a écrit :"
    assert bench.text_matches(REPLY, "", REPLY + "\n\n" + attribution)
    assert bench.text_matches(REPLY + "\n" + attribution, "", REPLY)


def test_lost_sentence_after_a_closing_fails() -> None:
    expected = REPLY + "\n\nMerci,\nJe vous envoie le bon de commande demain matin."
    assert not bench.text_matches(REPLY, "", expected)


def test_lost_paragraph_fails_even_when_we_filed_it_with_the_signature() -> None:
    signature = "La livraison est prévue jeudi.\nCordialement,\nClaire"
    expected = REPLY + "\nLa livraison est prévue jeudi."
    assert not bench.text_matches(REPLY, signature, expected)


def test_kept_quoted_history_fails() -> None:
    ours = REPLY + "\n\n> Pouvez-vous valider le devis ?"
    assert not bench.text_matches(ours, "", REPLY)


def test_empty_new_text_does_not_match_a_sign_off_only_expectation() -> None:
    assert not bench.text_matches("", "Merci,\nClaire", "Merci,\nClaire")


def test_real_text_ending_with_a_colon_is_not_taken_for_an_attribution() -> None:
    expected = REPLY + "\n\nVoici les trois points à revoir :"
    assert not bench.text_matches(REPLY, "", expected)
