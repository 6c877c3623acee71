"""Scores ``parsers.parse`` on the held-out corpus (same rules as clients/quick_score.py).

    PYTHONPATH=. python tests/data/holdout/score.py [-v] [-vv]

A case passes when, whitespace normalised: new_text equals the expected new_text, with or
without the signature (whole, first paragraph, or sign-off line only); the auto-reply flag
matches; forwarded has the expected length, and each original's sender and text match (text
with or without a short trailing signature of at most 8 lines). -v lists failures,
-vv also prints what the parser returned.
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
    want, sig = exp["new_text"], exp["signature"]
    first = sig.split("\n\n", 1)[0] if sig else ""
    signoff = sig.split("\n", 1)[0] if sig else ""
    accepted = {norm(want + "\n" + x) for x in ("", sig, first, signoff)}
    return norm(got) in accepted


def fwd_text_ok(got: str, want: str) -> bool:
    if norm(got) == norm(want):
        return True
    if not want.strip() or not norm(got).startswith(norm(want)):
        return False
    rest = [x for x in got.splitlines() if x.strip()]
    wl = [x for x in want.splitlines() if x.strip()]
    return len(rest) - len(wl) <= 8


def check(case: dict):
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
    return why, p


def main() -> None:
    verbose = sum(a.count("v") for a in sys.argv[1:] if a.startswith("-"))
    cases = [json.loads(x) for x in (HERE / "cases.jsonl").read_text("utf-8").splitlines() if x]
    tables = {"by client": defaultdict(lambda: [0, 0]), "by kind": defaultdict(lambda: [0, 0])}
    reasons: dict[str, int] = defaultdict(int)
    passed = 0
    for case in cases:
        why, p = check(case)
        passed += not why
        for title, key in (("by client", case["client"]), ("by kind", case["kind"])):
            tables[title][key][0] += not why
            tables[title][key][1] += 1
        for w in why:
            reasons[w.split(":")[0]] += 1
        if verbose and why:
            print(f"FAIL {case['id']}: {', '.join(why)}")
            if verbose > 1:
                print("  got new_text:", repr(p.new_text[:600]))
                print("  auto_reply:", p.auto_reply)
                for f in p.forwarded:
                    addr = f.sender.address if f.sender else None
                    print("  fwd:", addr, repr(f.text[:300]))
    print(f"total: {passed}/{len(cases)} = {100 * passed / len(cases):.1f} %")
    for title, table in tables.items():
        print(f"\n{title}:")
        for key, (ok, n) in sorted(table.items()):
            print(f"  {key:20s} {ok:3d}/{n:3d}  {100 * ok / n:5.1f} %")
    print("\nfailure reasons:", dict(sorted(reasons.items())))


if __name__ == "__main__":
    main()
