"""Hostile mail against a real `mailwall serve`: its memory stays bounded."""

from __future__ import annotations

import smtplib
from pathlib import Path

from tests.gateway.conftest import LUMIERE, THOMAS, Serve, Site

MEMORY_BOUND_KB = 300 * 1024


def peak_resident_kb(pid: int) -> int:
    """VmHWM: the most resident memory the process has ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmHWM in /proc/{pid}/status")


def test_24_mb_of_blank_lines_keep_serve_under_300_mb(sqlite_site: Site, serve: Serve) -> None:
    gateway = serve(sqlite_site, smtp_max_message_bytes=30 * 1024 * 1024)
    assert gateway.process is not None
    raw = (
        f"From: Thomas Bernard <{THOMAS}>\r\nTo: {LUMIERE}\r\n"
        "Subject: Compte rendu du chantier\r\nMessage-ID: <blancs@lumiere-sa.fr>\r\n\r\n"
        "Bonjour,\r\n".encode() + b"\r\n" * 12_000_000
    )
    assert 24_000_000 < len(raw) < 30 * 1024 * 1024
    with smtplib.SMTP("127.0.0.1", gateway.port, timeout=300) as smtp:
        assert smtp.sendmail(THOMAS, [LUMIERE], raw) == {}
    del raw
    sqlite_site.wait_until_settled(timeout=300)
    [row] = sqlite_site.raw_messages()
    assert row.status.value in ("done", "rejected"), (row.status, row.reason, row.last_error)
    peak = peak_resident_kb(gateway.process.pid)
    assert peak < MEMORY_BOUND_KB, f"peak resident memory {peak // 1024} MB"
