"""Golden tests over every trimming case of the shared corpora.

The corpora are read at test time (never copied here: some are GPL). Case loading,
the expected text or facts of each case and the comparison (with its sign-off,
signature and attribution conventions) live in benchmarks/trimming.py, so the
benchmark and these tests cannot drift apart.

Every case is a test. The cases Mailwall fails today are in ``KNOWN_FAILURES``,
each with its family (``benchmarks/trimming.py`` ``FAMILIES``), and run as strict
xfails: fixing one turns its test red until its line is removed. Regenerate the
table with ``PYTHONPATH=$PWD .venv/bin/python benchmarks/trimming.py --known-failures``
(then ``ruff format`` this file).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from parsers.trim import trim

_BENCH_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "trimming.py"
_spec = importlib.util.spec_from_file_location("mailwall_bench_trimming", _BENCH_PATH)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)

ROOT = bench.corpora_root()
if not ROOT.is_dir():
    pytest.skip(f"corpora not found at {ROOT}", allow_module_level=True)

trim_module = importlib.import_module("parsers.trim")
CASES = bench.load_cases(ROOT)
PER_LINE_REGEX_BUDGET = 80

KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("closeio_quotequail", "test_limit"): "limit-option",
    ("closeio_quotequail", "test_limit_call1"): "limit-option",
    ("closeio_quotequail", "test_unwrap_10"): "dropped-quote",
    ("discourse_email_reply_trimmer", "embedded_email_16"): "dropped-quote",
    ("discourse_email_reply_trimmer", "forwarded_message"): "no-new-text",
    ("discourse_email_reply_trimmer", "quote_and_text"): "dropped-quote",
}


def _case_param(case: bench.Case) -> pytest.param:
    known = KNOWN_FAILURES.get((case.corpus, case.case_id))
    marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
    return pytest.param(case, id=f"{case.corpus}:{case.case_id}", marks=marks)


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_new_text_matches_the_corpus_expectation(case: bench.Case) -> None:
    split = bench.mailwall_split(case)
    assert bench.case_passes(split, case), bench.failure(case, split)


def test_known_failures_name_existing_cases_and_families() -> None:
    ids = {(c.corpus, c.case_id) for c in CASES}
    assert set(KNOWN_FAILURES) <= ids
    assert set(KNOWN_FAILURES.values()) <= set(bench.FAMILIES)


# --- github/email_reply_parser rows that only state fragment facts ---------------------

GITHUB = ROOT / "github_email_reply_parser"


def _github_assertion_rows() -> list[dict]:
    path = GITHUB / "cases.jsonl"
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if not r.get("expected") and r["kind"] != "performance"]


def _fragment_text(assertions: dict, index: str) -> tuple[str, str] | None:
    if index in assertions.get("fragment_equals", {}):
        return "equals", assertions["fragment_equals"][index]
    if index in assertions.get("fragment_contains", {}):
        return "contains", assertions["fragment_contains"][index]
    if index in assertions.get("fragment_matches", {}):
        return "matches", assertions["fragment_matches"][index]
    return None


def _found(kind: str, needle: str, haystack: str) -> bool:
    if kind == "matches":
        return re.search(needle, haystack, re.M) is not None
    return needle.strip() in haystack


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"github:{r['id']}") for r in _github_assertion_rows()]
)
def test_github_fragment_facts_hold_on_our_split(row: dict) -> None:
    """A visible, unquoted, unsigned fragment is new text; a quoted one is quoted text;
    a signature fragment is in our signature or history. A one-fragment mail is all new."""
    source = bench.read_text(GITHUB / row["input"])
    result = trim(source)
    facts = row["assertions"]
    if facts.get("fragments_count") == 1:
        assert result.quoted_text == "" and result.signature == ""
    count = max(
        [len(facts.get(k, [])) for k in ("quoted", "signature", "hidden")]
        + [
            int(i) + 1
            for k in ("fragment_equals", "fragment_contains", "fragment_matches")
            for i in facts.get(k, {})
        ]
    )
    for n in range(count):
        found = _fragment_text(facts, str(n))
        if found is None or not found[1].strip():
            continue
        kind, needle = found
        quoted = facts.get("quoted", [False] * count)[n] if "quoted" in facts else None
        signature = facts.get("signature", [False] * count)[n] if "signature" in facts else None
        if quoted:
            assert _found(kind, needle, result.quoted_text)
            assert not _found(kind, needle, result.new_text)
        elif signature:
            assert _found(kind, needle, result.signature + "\n" + result.quoted_text)
            assert not _found(kind, needle, result.new_text)
        elif n == 0 or quoted is False:
            assert _found(kind, needle, result.new_text)
        elif kind == "matches" and needle.startswith("^On"):
            # Unlabelled fragment that upstream's test pins as the attribution.
            assert not _found(kind, needle, result.new_text)


# --- quotequail reply-header lines: each must be recognised as an attribution ----------

QUOTEQUAIL = ROOT / "closeio_quotequail"


def _parse_reply_rows() -> list[dict]:
    path = QUOTEQUAIL / "cases.jsonl"
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["api"].endswith("parse_reply") and r.get("input")]


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"quotequail:{r['id']}") for r in _parse_reply_rows()]
)
def test_quotequail_reply_header_line_is_recognised_as_attribution(row: dict) -> None:
    line = bench.read_text(QUOTEQUAIL / row["input"]).strip()
    result = trim(f"Reçu, merci.\n\n{line}\n> Texte cité\n")
    assert result.new_text == "Reçu, merci."
    assert result.quoted_text.startswith(line)


# --- performance fixtures: bounded work, counted ---------------------------------------

PERFORMANCE = [
    ("discourse_email_reply_trimmer", "matchers/does_not_contain_embedded_email.txt"),
    ("github_email_reply_parser", "emails/pathological.txt"),
    ("github_email_reply_parser", "emails/email_long_quote.txt"),
]


@pytest.mark.parametrize("corpus,path", PERFORMANCE, ids=[p for _, p in PERFORMANCE])
def test_performance_fixture_costs_a_bounded_number_of_regex_calls(
    corpus: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = ROOT / corpus / path
    if not file.is_file():
        pytest.skip(f"{file} not in this corpus copy")
    source = bench.read_text(file)
    calls = 0
    original = trim_module._search

    def counting(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
        nonlocal calls
        calls += 1
        return original(pattern, text)

    monkeypatch.setattr(trim_module, "_search", counting)
    result = trim(source)
    lines = source.count("\n") + 1
    assert calls <= PER_LINE_REGEX_BUDGET * lines
    assert len(result.new_text) + len(result.quoted_text) + len(result.signature) <= len(source)
