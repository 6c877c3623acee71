"""`mailwall serve` refuses to start with one sentence when a port it needs is taken."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.gateway.conftest import Site, free_port

MAILWALL = str(Path(sys.executable).parent / "mailwall")


@contextmanager
def taken_port() -> Iterator[int]:
    port = free_port()
    with socket.create_server(("127.0.0.1", port)):
        yield port


def start(site: Site, **settings: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MAILWALL, "serve"], env=site.env(**settings), capture_output=True,
                          text=True, timeout=60, check=False)


def test_a_taken_smtp_port_is_named_with_the_setting_to_change(sqlite_site: Site) -> None:
    with taken_port() as port:
        result = start(sqlite_site, smtp_port=port, web_port=free_port())
    assert result.returncode == 2
    assert f"cannot listen for SMTP on 127.0.0.1:{port}" in result.stderr
    assert "MAILWALL_SMTP_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_taken_web_port_is_named_with_the_setting_to_change(sqlite_site: Site) -> None:
    with taken_port() as port:
        result = start(sqlite_site, smtp_port=free_port(), web_port=port)
    assert result.returncode == 2
    assert f"cannot serve the wall on 127.0.0.1:{port}" in result.stderr
    assert "MAILWALL_WEB_PORT" in result.stderr
    assert "Traceback" not in result.stderr
