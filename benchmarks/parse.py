"""Parsing speed: ``parsers.parse`` against the stdlib and mail-parser on generated mail.

The corpus (``benchmarks.mailgen``, deterministic for a seed) is generated in memory
before any timing. Each run is one full pass of every contender over the whole
corpus; contenders take turns within a run (order rotated each run) so that machine
noise hits all of them alike. Figures are medians over the runs.

Contenders:
  ours        ``parsers.parse(raw)``: headers, body choice, HTML to text, trimming,
              attachments, forwards, flags: everything the pipeline needs.
  stdlib      ``email.message_from_bytes(raw, policy=email.policy.default)`` then the
              body (``get_body(preferencelist=("plain", "html")).get_content()``) and every
              attachment (``iter_attachments()`` + ``get_content()``): the least a
              gateway must do with the stdlib alone.
  mail-parser ``mailparser.parse_from_bytes(raw)``.

Goal: ours >= 1 x stdlib (messages/s; issue 12). Prints a table; the last line is one JSON
object with rates, ratios, errors and whether the goal is met.

    python benchmarks/parse.py --count 10000 --runs 3 --seed 1
"""

from __future__ import annotations

import argparse
import contextlib
import email
import email.policy
import gc
import json
import logging
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the repository root importable for ``benchmarks.mailgen``.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.mailgen import generate

GOAL_VS_STDLIB = 1.0


def stdlib_parse(raw: bytes) -> object:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    atts = [a.get_content() for a in msg.iter_attachments()]
    return text, atts


def mailparser_parse(raw: bytes) -> object:
    import mailparser

    return mailparser.parse_from_bytes(raw)


def _ours() -> Callable[[bytes], object] | None:
    try:
        from parsers import parse
    except ImportError:
        return None
    return parse


@dataclass
class Result:
    name: str
    seconds: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    first_error: str = ""
    # ParsedMail-specific: messages the parser flagged as given up / problematic.
    notes: Counter[str] = field(default_factory=Counter)

    def rate(self, count: int) -> float:
        return count / statistics.median(self.seconds)


def one_pass(fn: Callable[[bytes], object], corpus: Sequence[bytes], res: Result,
             inspect: bool) -> None:
    errors: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    first = ""
    gc.collect()
    t0 = time.perf_counter()
    for raw in corpus:
        try:
            out = fn(raw)
        except Exception as exc:  # counted and reported: the benchmark must finish
            errors[type(exc).__name__] += 1
            if not first:
                first = f"{type(exc).__name__}: {exc}"[:300]
            continue
        # Looked at in place, not kept: holding 10,000 results would slow this pass's GC.
        if inspect:
            problem = getattr(out, "problem", None)
            if problem is not None:
                notes[f"problem={getattr(problem, 'value', problem)}"] += 1
            if any("gave up" in d for d in getattr(out, "defects", ())):
                notes["gave up"] += 1
    res.seconds.append(time.perf_counter() - t0)
    # Errors are the same every pass; keep one pass's worth.
    res.errors = errors
    res.first_error = res.first_error or first
    if inspect:
        res.notes = notes


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    import os

    return {"cpu": cpu, "nproc": str(os.cpu_count()), "python": platform.python_version()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--size", choices=("normal", "large"), default="normal")
    ap.add_argument("--only", nargs="*", choices=("ours", "stdlib", "mail-parser"),
                    help="restrict the contenders (default: all)")
    args = ap.parse_args(argv)
    # mail-parser logs a warning per odd message; that would swamp the table and time I/O.
    logging.getLogger("mailparser").setLevel(logging.CRITICAL)

    t0 = time.perf_counter()
    corpus = list(generate(args.count, args.seed, size=args.size))
    total_bytes = sum(map(len, corpus))
    print(f"corpus: {len(corpus)} messages, {total_bytes / 1e6:.1f} MB "
          f"(mean {total_bytes / len(corpus) / 1e3:.1f} KB), seed {args.seed}, size {args.size}; "
          f"generated in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    ours = _ours()
    if ours is None:
        print("parsers.parse is not importable yet: timing the baselines only", file=sys.stderr)
    contenders: list[tuple[str, Callable[[bytes], object] | None]] = [
        ("ours", ours), ("stdlib", stdlib_parse), ("mail-parser", mailparser_parse)]
    contenders = [(n, f) for n, f in contenders
                  if f is not None and (not args.only or n in args.only)]
    results = {n: Result(n) for n, _ in contenders}

    # Untimed warm-up: lazy imports and regex compilation are one-off costs, not throughput.
    for _name, fn in contenders:
        for raw in corpus[:50]:
            with contextlib.suppress(Exception):  # errors are counted in the timed passes
                fn(raw)  # type: ignore[misc]

    for run in range(args.runs):
        k = run % len(contenders)
        for name, fn in contenders[k:] + contenders[:k]:
            assert fn is not None
            # Inspect outputs on the first pass only, so later passes time parsing alone.
            one_pass(fn, corpus, results[name], inspect=(run == 0 and name == "ours"))
            print(f"run {run + 1}/{args.runs} {name:<12} {results[name].seconds[-1]:7.2f}s",
                  file=sys.stderr)

    n = len(corpus)
    rates = {name: r.rate(n) for name, r in results.items()}
    mb = total_bytes / 1e6
    print()
    print(f"{'parser':<12} {'median s':>9} {'min s':>8} {'max s':>8} {'msg/s':>9} "
          f"{'MB/s':>7} {'errors':>7}")
    for name, r in results.items():
        med = statistics.median(r.seconds)
        print(f"{name:<12} {med:9.2f} {min(r.seconds):8.2f} {max(r.seconds):8.2f} "
              f"{rates[name]:9.0f} {mb / med:7.2f} {sum(r.errors.values()):7d}")
    ratios: dict[str, float | None] = {
        "ours_vs_stdlib": (rates["ours"] / rates["stdlib"]
                           if "ours" in rates and "stdlib" in rates else None),
        "ours_vs_mailparser": (rates["ours"] / rates["mail-parser"]
                               if "ours" in rates and "mail-parser" in rates else None),
    }
    # Best-of-runs ratios too: on a shared machine the minimum is the least disturbed figure.
    best = {name: n / min(r.seconds) for name, r in results.items()}
    ratios_best: dict[str, float | None] = {
        "ours_vs_stdlib": (best["ours"] / best["stdlib"]
                           if "ours" in best and "stdlib" in best else None),
        "ours_vs_mailparser": (best["ours"] / best["mail-parser"]
                               if "ours" in best and "mail-parser" in best else None),
    }
    print()
    for key, value in ratios.items():
        if value is not None:
            print(f"{key.replace('_', ' ')}: {value:.2f} (medians), "
                  f"{ratios_best[key]:.2f} (best runs)")
    met = None if ratios["ours_vs_stdlib"] is None else ratios["ours_vs_stdlib"] >= GOAL_VS_STDLIB
    if met is not None:
        print(f"goal ours >= {GOAL_VS_STDLIB} x stdlib: {'met' if met else 'NOT met'}")
    for name, r in results.items():
        if r.errors:
            print(f"{name} raised on {sum(r.errors.values())} messages: {dict(r.errors)}; "
                  f"first: {r.first_error}")
        if r.notes:
            print(f"{name} notes: {dict(r.notes)}")
    summary = {
        "benchmark": "parse",
        "count": n,
        "seed": args.seed,
        "size": args.size,
        "runs": args.runs,
        "corpus_bytes": total_bytes,
        "machine": machine(),
        "rates_msg_per_s": {k: round(v, 1) for k, v in rates.items()},
        "median_seconds": {k: round(statistics.median(r.seconds), 3) for k, r in results.items()},
        "ratios": {k: (round(v, 3) if v is not None else None) for k, v in ratios.items()},
        "ratios_best": {k: (round(v, 3) if v is not None else None)
                        for k, v in ratios_best.items()},
        "errors": {k: sum(r.errors.values()) for k, r in results.items()},
        "ours_notes": dict(results["ours"].notes) if "ours" in results else None,
        "goal": {"ours_vs_stdlib_min": GOAL_VS_STDLIB, "met": met},
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
