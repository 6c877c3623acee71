"""Informational scorer: how ``parsers.parse`` does on the client corpus.

Not a test and not the benchmark (benchmarks/trimming.py owns the scoring rules); this
prints pass rates by client and kind so the corpus can be read against the parser.

    PYTHONPATH=. python tests/data/clients/quick_score.py [-v]

A case passes when, whitespace normalised:
- new_text equals the expected new_text, with or without the signature block (or with
  only its first paragraph: the sign-off and name, or only the sign-off line);
- bool(auto_reply) equals the expected flag;
- forwarded has the expected length, and each original's sender address and text match
  (the text with or without that original's trailing sign-off/signature lines, counted
  as at most 8 extra lines after the expected text).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from parsers import parse

HERE = Path(__file__).resolve().parent


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def new_text_ok(got: str, exp: dict) -> bool:
    want = exp["new_text"]
    sig = exp["signature"]
    first = sig.split("\n\n", 1)[0] if sig else ""
    signoff = sig.split("\n", 1)[0] if sig else ""
    accepted = {
        norm(want),
        norm(want + "\n" + sig),
        norm(want + "\n" + first),
        norm(want + "\n" + signoff),
    }
    return norm(got) in accepted


def fwd_text_ok(got: str, want: str) -> bool:
    if norm(got) == norm(want):
        return True
    g = got.strip()
    if not norm(g).startswith(norm(want)) or not want.strip():
        return False
    # the rest must be a short trailer (the original's sign-off and signature)
    rest_lines = [x for x in g.splitlines() if x.strip()]
    want_lines = [x for x in want.splitlines() if x.strip()]
    return len(rest_lines) - len(want_lines) <= 8


def check(case: dict) -> list[str]:
    p = parse((HERE / case["eml"]).read_bytes())
    exp = case["expected"]
    why = []
    if not new_text_ok(p.new_text, exp):
        why.append("new_text")
    if bool(p.auto_reply) != exp["auto_reply"]:
        why.append("auto_reply")
    got_f, want_f = list(p.forwarded), exp["forwarded"]
    if len(got_f) != len(want_f):
        why.append(f"forwarded:{len(got_f)}!={len(want_f)}")
    else:
        for i, (g, w) in enumerate(zip(got_f, want_f, strict=True)):
            if not g.sender or g.sender.address.lower() != w["from"].lower():
                why.append(f"fwd{i}.from")
            if not fwd_text_ok(g.text, w["text"]):
                why.append(f"fwd{i}.text")
    return why


def main() -> None:
    verbose = "-v" in sys.argv
    cases = [
        json.loads(x) for x in (HERE / "cases.jsonl").read_text(encoding="utf-8").splitlines() if x
    ]
    by_client: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reasons: dict[str, int] = defaultdict(int)
    passed = 0
    for case in cases:
        why = check(case)
        ok = not why
        passed += ok
        for table, key in ((by_client, case["client"]), (by_kind, case["kind"])):
            table[key][0] += ok
            table[key][1] += 1
        for w in why:
            reasons[w.split(":")[0]] += 1
        if verbose and why:
            print(f"FAIL {case['id']}: {', '.join(why)}")
    print(f"total: {passed}/{len(cases)} = {100 * passed / len(cases):.1f} %")
    for title, table in (("by client", by_client), ("by kind", by_kind)):
        print(f"\n{title}:")
        for key, (ok, n) in sorted(table.items()):
            print(f"  {key:20s} {ok:3d}/{n:3d}  {100 * ok / n:5.1f} %")
    print("\nfailure reasons:", dict(sorted(reasons.items())))


if __name__ == "__main__":
    main()
