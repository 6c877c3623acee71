"""Archive import speed: `mailwall import mbox` against the stdlib reading the same mbox.

The mbox is made by ``benchmarks.mailgen`` (20,000 messages by default, before any
timing) or given with ``--mbox`` (e.g. the berlios pipermail archive). Both
contenders run in the same process, one after the other, on the same file:

  stdlib  ``for message in mailbox.mbox(path)``: split the file and parse every
          message into an ``mboxMessage`` (the least an importer must do).
  import  ``gateway.importer.import_archive`` into a fresh community of a fresh
          data folder (SQLite, as `mailwall init` makes it, or ``--database-url``):
          read, deduplicate, store in batches with the checkpoint, then the whole
          pipeline (parse, route, police, apply) for every message, until each is
          posted, liked or dropped.

Goal: import >= 0.3 x stdlib (messages/s). Prints a table; the last line is one
JSON object.

    python benchmarks/import.py --count 20000 --seed 1
    python benchmarks/import.py --mbox \
        ../shared/corpora/berlios_linux_uvc_devel/linux-uvc-devel_2006-2008.mbox
"""

from __future__ import annotations

import argparse
import json
import logging
import mailbox
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.mailgen import generate, write_mbox

GOAL_VS_STDLIB = 0.3


def stdlib_rate(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    count = 0
    for _message in mailbox.mbox(str(path), create=False):
        count += 1
    return count, count / (time.perf_counter() - start)


def import_rate(path: Path, folder: Path, database_url: str | None) -> tuple[dict, float]:  # type: ignore[type-arg]
    from gateway.importer import Mbox, import_archive, import_pipeline
    from wall_store import communities
    from wall_store import config as config_mod
    from wall_store.setup import initialise

    if database_url:
        os.environ["MAILWALL_DATABASE_URL"] = database_url
    report = initialise(folder / "data")
    config = config_mod.load(report.config_path)
    pipeline = import_pipeline(config)
    slug = f"archive-{int(time.time())}"  # a fresh community even on a shared database
    with pipeline.sessions() as session, session.begin():
        communities.create_community(session, slug, name="Archive", kind="team")
    start = time.perf_counter()
    summary = import_archive(pipeline, Mbox(path), community=slug)
    elapsed = time.perf_counter() - start
    return summary.as_dict() | {"dialect": config.database.url.split(":", 1)[0]}, (
        summary.read / elapsed)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mbox", type=Path, help="import this mbox instead of generated mail")
    ap.add_argument("--database-url", help="default: SQLite in a temporary data folder")
    args = ap.parse_args(argv)
    logging.disable(logging.INFO)  # one log line per message would time the terminal

    with tempfile.TemporaryDirectory(prefix="mailwall-import-bench-") as tmp:
        folder = Path(tmp)
        if args.mbox:
            path = args.mbox.resolve()
        else:
            path = folder / "corpus.mbox"
            write_mbox(path, generate(args.count, args.seed))
        size = path.stat().st_size
        count, stdlib = stdlib_rate(path)
        summary, ours = import_rate(path, folder, args.database_url)

    ratio = ours / stdlib
    print(f"corpus: {path.name if args.mbox else f'mailgen seed {args.seed}'}, {count} messages, "
          f"{size / 1e6:.0f} MB; {platform.python_version()}, nproc {os.cpu_count()}, "
          f"{summary['dialect']}")
    print(f"{'contender':<10} {'messages/s':>11}  {'x stdlib':>8}")
    print(f"{'stdlib':<10} {stdlib:>11.0f}  {1.0:>8.2f}")
    print(f"{'import':<10} {ours:>11.0f}  {ratio:>8.2f}")
    print(f"imported {summary['imported']}, liked {summary['liked']}, already there "
          f"{summary['already_there']}, not posted {summary['not_posted']}")
    print(json.dumps({
        "messages": count, "megabytes": round(size / 1e6, 1), "database": summary["dialect"],
        "stdlib_per_s": round(stdlib, 1), "import_per_s": round(ours, 1),
        "ratio": round(ratio, 3), "goal": GOAL_VS_STDLIB, "goal_met": ratio >= GOAL_VS_STDLIB,
        "imported": summary["imported"], "already_there": summary["already_there"],
        "not_posted": summary["not_posted"],
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
