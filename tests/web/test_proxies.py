"""Behind a reverse proxy: the sign-in rate limit counts against the real client only when
the forwarded header comes from a trusted proxy (`web.trusted_proxies`)."""

from __future__ import annotations

import asyncio
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.gateway.conftest import free_port
from tests.web.conftest import CSRF, SECRET, make_config
from wall_store import tokens
from wall_store.config import SECRET_ENV
from web.app import create_app
from web.routes.signin import PER_CLIENT
from web.service import WebService

PROXY = "10.20.0.3"


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)


def session_cookie() -> str:
    return tokens.sign(SECRET.encode(), tokens.SESSION, {"p": None, "c": CSRF})


def form(n: int) -> dict[str, str]:
    # A different unknown address each time: only the per-client limit can bite.
    return {"csrf": CSRF, "email": f"inconnu.{n}@corp.example"}


def test_behind_a_trusted_proxy_the_limit_counts_per_forwarded_client(
    sessions: sessionmaker[Session], database_url: str,
) -> None:
    config = make_config(database_url, trusted_proxies="10.20.0.0/16")
    client = TestClient(create_app(config, sessions), client=(PROXY, 41000),
                        base_url="http://127.0.0.1:8025")
    client.cookies.set("mailwall_session", session_cookie())
    # The first client writes its own X-Forwarded-For; the proxy appends what it saw.
    codes = [client.post("/login", data=form(n), headers={
        "X-Forwarded-For": f"198.51.100.{n}, 192.0.2.10"}).status_code
        for n in range(PER_CLIENT + 1)]
    assert codes == [200] * PER_CLIENT + [429]
    other = client.post("/login", data=form(99), headers={"X-Forwarded-For": "192.0.2.11"})
    assert other.status_code == 200


@pytest.fixture
def served(sessions: sessionmaker[Session], database_url: str) -> Iterator[str]:
    """The wall served by uvicorn on loopback, as `mailwall serve` runs it, with no proxy
    trusted; yields its base URL."""
    config = make_config(database_url)
    port = free_port()
    config = replace(config, web=replace(config.web, port=port))
    service = WebService(config)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(service.start(), loop).result(timeout=60)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(service.stop(), loop).result(timeout=60)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=60)
        loop.close()


def post_login(base: str, n: int, forwarded_for: str) -> int:
    request = urllib.request.Request(
        f"{base}/login", data=urllib.parse.urlencode(form(n)).encode(), method="POST",
        headers={"Cookie": f"mailwall_session={session_cookie()}",
                 "Content-Type": "application/x-www-form-urlencoded",
                 "X-Forwarded-For": forwarded_for})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(served: str) -> None:
    # A local process (not a configured proxy) claims a new client on every request.
    codes = [post_login(served, n, f"203.0.113.{n}") for n in range(PER_CLIENT + 2)]
    assert codes == [200] * PER_CLIENT + [429] * 2
