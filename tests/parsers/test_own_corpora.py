"""Golden tests over Mailwall's own labelled mail: tests/data/clients and tests/data/holdout.

Every case is a test, scored by ``benchmarks/trimming.py``'s ``client_failure`` (the same
comparison as the benchmark). The cases that fail today are in ``KNOWN_FAILURES`` with
their family and run as strict xfails: fixing one turns its test red until its line goes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_BENCH_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "trimming.py"
_spec = importlib.util.spec_from_file_location("mailwall_bench_trimming_own", _BENCH_PATH)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench
_spec.loader.exec_module(bench)

KNOWN_FAILURES: dict[tuple[str, str], str] = {
    # A reply quoting a message that itself holds a forward: we unwrap the quoted forward.
    ("holdout", "040-gmail-web-fr-reply"): "forward-count",
    # Answers typed inside the quoted Outlook original: nothing in text tells them apart.
    ("holdout", "101-outlook-desktop-fr-reply-inline"): "lost-text",
}


def _params() -> list[pytest.param]:
    params = []
    for name, root in bench.own_corpora().items():
        for case in bench.load_client_cases(root):
            family = KNOWN_FAILURES.get((name, case.case_id))
            marks = [pytest.mark.xfail(strict=True, reason=family)] if family else []
            params.append(pytest.param(case, id=f"{name}:{case.case_id}", marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_parse_gives_the_labelled_text_forwards_and_flags(case: bench.ClientCase) -> None:
    assert bench.client_failure(case) is None
