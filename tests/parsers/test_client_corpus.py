"""Mailwall's own labelled client corpus (tests/data/clients) is well-formed and parses.

The trimming results themselves are scored by the benchmark, not asserted here: these
tests only guard the corpus (every case present, labelled, covering every client family)
and that ``parsers.parse`` takes every message without raising and finds its sender.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from parsers import parse

CORPUS = Path(__file__).resolve().parents[1] / "data" / "clients"
CASES = [
    json.loads(line)
    for line in (CORPUS / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
KINDS = {"reply", "reply-inline", "forward", "forward-attached", "auto-reply", "not-auto-reply"}
FAMILIES = {
    "outlook-desktop",
    "owa",
    "outlook-mobile",
    "gmail-web",
    "gmail-android",
    "apple-mail",
    "apple-iphone",
    "thunderbird",
    "lotus-notes",
    "zimbra",
    "roundcube",
    "samsung-mail",
}


def test_corpus_holds_at_least_150_cases() -> None:
    assert len(CASES) >= 150


def test_case_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_case_names_an_existing_eml_file() -> None:
    missing = [c["eml"] for c in CASES if not (CORPUS / c["eml"]).is_file()]
    assert missing == []


def test_every_eml_file_is_a_case() -> None:
    listed = {c["eml"] for c in CASES}
    assert sorted(p.name for p in CORPUS.glob("*.eml") if p.name not in listed) == []


def test_every_case_has_the_expected_keys_and_kind() -> None:
    for case in CASES:
        assert set(case) <= {"id", "eml", "client", "language", "kind", "expected", "note"}, case[
            "id"
        ]
        assert case["kind"] in KINDS, case["id"]
        expected = case["expected"]
        assert set(expected) == {"new_text", "signature", "auto_reply", "forwarded"}, case["id"]
        assert expected["auto_reply"] == (case["kind"] == "auto-reply"), case["id"]
        for original in expected["forwarded"]:
            assert set(original) == {"from", "subject", "text"}, case["id"]
        assert bool(expected["forwarded"]) == case["kind"].startswith("forward"), case["id"]


def test_every_client_family_and_kind_is_present() -> None:
    assert {c["client"] for c in CASES} >= FAMILIES
    assert {c["kind"] for c in CASES} == KINDS


def test_corpus_is_mostly_french_with_a_large_english_share() -> None:
    languages = [c["language"] for c in CASES]
    french = languages.count("fr") / len(languages)
    english = languages.count("en") / len(languages)
    assert 0.5 <= french <= 0.7
    assert 0.25 <= english <= 0.45


def test_committed_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    # Hand edits to the .eml files or the labels would drift from make_corpus.py.
    spec = importlib.util.spec_from_file_location("mailwall_make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator  # dataclasses look their module up there
    spec.loader.exec_module(generator)
    generator.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in CORPUS.glob("*.eml")) + ["cases.jsonl"]
    changed = [n for n in written if (tmp_path / n).read_bytes() != (CORPUS / n).read_bytes()]
    assert changed == []
    assert generator.coverage() in (CORPUS / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_message_parses_with_a_sender(case: dict) -> None:
    mail = parse((CORPUS / case["eml"]).read_bytes())
    assert mail.problem is None
    assert mail.sender is not None
