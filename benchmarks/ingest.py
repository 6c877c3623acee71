"""Ingest speed: SMTP acceptance to committed post, through a real `mailwall serve`.

For each message size (``normal``: mailgen's everyday mail, ~4-6 KB; ``large``:
~100 KB with a report attached) and each number of client connections (1, 4, 16),
one run:

1. makes a fresh data folder (SQLite, like `mailwall init`) with one community
   that takes everyone's mail and its address;
2. starts `mailwall serve` as its own process (the production shape: its own
   event loop, intake thread pool, pipeline workers);
3. sends the whole corpus over N smtplib connections, each message's accept
   latency timed from MAIL FROM to the `250` for its DATA;
4. waits until the queue has nothing `received` or `processing` and checks that
   every message reached a final state.

Figures: *end to end* = messages / (first MAIL FROM -> queue drained); *accept* =
messages / (first MAIL FROM -> last `250`); accept latency p50 / p99.

Baselines, same clients, each server its own process:
  bare        aiosmtpd answering `250` and storing nothing.
  bare+commit aiosmtpd doing one SQLite commit (WAL, synchronous=FULL, in a thread)
              of the raw bytes before its `250`: the floor of "stored before 250".

Goal: with 4 connections, end-to-end rate >= 0.5 x bare. Several runs (``--runs``),
medians. Prints a table; the last line is one JSON object with every figure.

    python benchmarks/ingest.py --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import smtplib
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.mailgen import generate_samples  # noqa: E402

ADDRESS = "bench@mailwall.localhost"
FINAL = {"done", "held", "rejected", "dropped", "quarantined"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise SystemExit(f"server on {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"server did not listen on {port}") from None
            time.sleep(0.02)


# --- servers -------------------------------------------------------------------


def bare_server(port: int, commit_db: str | None) -> None:
    """The baseline server (run in its own process by `--bare-server`)."""
    from aiosmtpd.smtp import SMTP

    executor = ThreadPoolExecutor(max_workers=16)
    local = threading.local()

    def store(raw: bytes) -> None:
        # One connection per thread, like a pool; one commit per message.
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(commit_db or "", timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, data BLOB)")
            local.conn = conn
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO raw (data) VALUES (?)", (raw,))
        conn.execute("COMMIT")

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            if commit_db:
                await asyncio.get_running_loop().run_in_executor(
                    executor, store, envelope.original_content)
            return "250 2.0.0 OK"

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(Handler(), decode_data=False, enable_SMTPUTF8=True,
                         data_size_limit=25 * 1024 * 1024),
            host="127.0.0.1", port=port)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    db_url: str | None = None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_bare(folder: Path, commit: bool) -> Server:
    port = free_port()
    args = [sys.executable, __file__, "--bare-server", str(port)]
    if commit:
        args += ["--commit-db", str(folder / "bare.db")]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return Server(process, port)


def start_mailwall(folder: Path) -> Server:
    from wall_store.communities import create_community
    from wall_store.db import make_engine, session_factory
    from wall_store.mappings import add_address
    from wall_store.setup import initialise

    report = initialise(folder / "data")
    db_url = f"sqlite:///{report.data_dir / 'mailwall.db'}"
    engine = make_engine(db_url)
    with session_factory(engine)() as session, session.begin():
        create_community(session, "bench", name="Banc d'essai", kind="team", policy="accept")
        add_address(session, "bench", ADDRESS)
    engine.dispose()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILWALL_")}
    env.update(MAILWALL_CONFIG=str(report.config_path), MAILWALL_SMTP_PORT=str(port),
               MAILWALL_DATABASE_URL=db_url)
    with (folder / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", "from cli import main; main()", "serve",
             "--log-level", "WARNING"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
        )
    wait_for_port(port, process)
    return Server(process, port, db_url)


# --- clients -------------------------------------------------------------------


def send_all(
    port: int, mail: list[tuple[str, bytes]], connections: int
) -> tuple[list[float], float]:
    """Sends every message over `connections` connections; returns latencies and the end time."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors: list[str] = []

    def stream(n: int) -> None:
        try:
            with smtplib.SMTP("127.0.0.1", port, local_hostname="bench.lumiere-sa.fr",
                              timeout=120) as smtp:
                for sender, raw in mail[n::connections]:
                    started = time.perf_counter()
                    smtp.sendmail(sender, [ADDRESS], raw)
                    latencies[n].append(time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001 - reported, then the run is void
            errors.append(repr(exc))

    threads = [threading.Thread(target=stream, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"client errors: {errors[:3]}")
    return [x for per in latencies for x in per], time.perf_counter()


def wait_drained(db_url: str, expected: int, timeout: float = 600) -> tuple[float, dict[str, int]]:
    """Polls the queue until every message is in a final state; returns that moment."""
    path = db_url.removeprefix("sqlite:///")
    conn = sqlite3.connect(path, timeout=30)
    deadline = time.monotonic() + timeout
    try:
        while True:
            counts = dict(conn.execute(
                "SELECT status, count(*) FROM raw_messages GROUP BY status").fetchall())
            counts = {str(k).lower(): v for k, v in counts.items()}
            done = sum(n for s, n in counts.items() if s in FINAL)
            if done >= expected and sum(counts.values()) == done:
                at = time.perf_counter()
                # A retried message waited for its backoff: say so next to the figure.
                counts["retried"] = conn.execute(
                    "SELECT count(*) FROM raw_messages WHERE attempts > 1").fetchone()[0]
                return at, counts
            if time.monotonic() > deadline:
                raise SystemExit(f"queue not drained after {timeout} s: {counts}")
            time.sleep(0.01)
    finally:
        conn.close()


@dataclass
class Run:
    accept_rate: float
    e2e_rate: float | None
    p50_ms: float
    p99_ms: float
    states: dict[str, int] = field(default_factory=dict)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def one_run(kind: str, mail: list[tuple[str, bytes]], connections: int) -> Run:
    with tempfile.TemporaryDirectory(prefix="mailwall-ingest-") as tmp:
        folder = Path(tmp)
        server = start_mailwall(folder) if kind == "mailwall" else start_bare(
            folder, commit=kind == "bare+commit")
        try:
            started = time.perf_counter()
            latencies, accepted_at = send_all(server.port, mail, connections)
            e2e = None
            states: dict[str, int] = {}
            if server.db_url:
                drained_at, states = wait_drained(server.db_url, len(mail))
                e2e = len(mail) / (drained_at - started)
                log = (folder / "serve.log").read_text(errors="replace")
                states["log_errors"] = log.count(" ERROR ")
                # The folder goes away with the run: show why messages failed, once each.
                causes = sorted({line.strip() for line in log.splitlines()
                                 if line.startswith(("sqlalchemy.", "psycopg", "sqlite3."))
                                 or "Error:" in line})
                for cause in causes[:5]:
                    print(f"  serve.log: {cause[:300]}", file=sys.stderr)
        finally:
            server.stop()
    return Run(len(mail) / (accepted_at - started), e2e,
               percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000, states)


def median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", default="1,4,16")
    parser.add_argument("--sizes", default="normal,large")
    parser.add_argument("--count-normal", type=int, default=400)
    parser.add_argument("--count-large", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bare-server", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--commit-db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        bare_server(args.bare_server, args.commit_db)
        return 0

    connections = [int(c) for c in args.connections.split(",")]
    sizes = args.sizes.split(",")
    kinds = ("bare", "bare+commit", "mailwall")
    results: dict[str, Any] = {}
    print(f"# ingest: {platform.python_version()}, {os.cpu_count()} CPU(s), runs={args.runs}")
    header = (f"{'size':<7}{'conns':>6}{'avg KB':>8}  {'server':<12}{'accept/s':>10}"
              f"{'e2e/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'e2e / bare':>12}")
    print(header)
    print("-" * len(header))
    for size in sizes:
        count = args.count_large if size == "large" else args.count_normal
        samples = list(generate_samples(count, seed=args.seed, size=size))
        mail = [(s.author, s.raw) for s in samples]
        avg_kb = statistics.mean(len(raw) for _, raw in mail) / 1024
        for conns in connections:
            runs: dict[str, list[Run]] = {k: [] for k in kinds}
            for n in range(args.runs):
                # Rotate the order so that machine noise hits every server alike.
                for kind in kinds[n % 3:] + kinds[:n % 3]:
                    runs[kind].append(one_run(kind, mail, conns))
            bare_rate = median([r.accept_rate for r in runs["bare"]]) or 0.0
            row: dict[str, Any] = {"messages": count, "avg_kb": round(avg_kb, 1)}
            for kind in kinds:
                accept = median([r.accept_rate for r in runs[kind]]) or 0.0
                e2e = median([r.e2e_rate for r in runs[kind]])
                p50 = median([r.p50_ms for r in runs[kind]]) or 0.0
                p99 = median([r.p99_ms for r in runs[kind]]) or 0.0
                rate_for_ratio = e2e if e2e is not None else accept
                ratio = rate_for_ratio / bare_rate if bare_rate else 0.0
                row[kind] = {
                    "accept_per_s": round(accept, 1),
                    "e2e_per_s": round(e2e, 1) if e2e is not None else None,
                    "accept_p50_ms": round(p50, 2), "accept_p99_ms": round(p99, 2),
                    "ratio_to_bare": round(ratio, 3),
                }
                if kind == "mailwall":
                    row[kind]["final_states"] = runs[kind][-1].states
                e2e_text = f"{e2e:9.1f}" if e2e is not None else f"{'-':>9}"
                print(f"{size:<7}{conns:>6}{avg_kb:>8.1f}  {kind:<12}{accept:>10.1f}{e2e_text}"
                      f"{p50:>9.2f}{p99:>9.2f}{ratio:>12.3f}")
            results[f"{size}/{conns}"] = row
    goal_ratio = {size: results[f"{size}/4"]["mailwall"]["ratio_to_bare"]
                  for size in sizes if f"{size}/4" in results}
    goal_met = bool(goal_ratio) and all(r >= 0.5 for r in goal_ratio.values())
    print(f"goal (4 connections, end to end >= 0.5 x bare): "
          f"{'met' if goal_met else 'NOT met'} {goal_ratio}")
    print(json.dumps({
        "benchmark": "ingest", "runs": args.runs, "python": platform.python_version(),
        "cpus": os.cpu_count(), "results": results,
        "goal": {"connections": 4, "min_ratio": 0.5, "ratio": goal_ratio, "met": goal_met},
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
