"""The web wall as a `mailwall serve` service: uvicorn in the gateway's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import Iterator

import uvicorn

from wall_store.config import Config
from wall_store.errors import ServiceStartError
from web.app import create_app


def tcp_listener(host: str, port: int) -> socket.socket:
    """A listening socket created as TCP (``IPPROTO_TCP``), not as protocol 0.

    asyncio sets ``TCP_NODELAY`` on a connection only when its socket's protocol is
    ``IPPROTO_TCP``; ``socket.create_server`` passes 0, which accepted connections
    inherit. Without it every small response on a keep-alive connection waited for the
    client's delayed ACK (Nagle's algorithm): ~40 ms for ``/healthz`` instead of ~2.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        # As socket.create_server does on POSIX: a restart may bind beside TIME_WAIT.
        if os.name == "posix":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen()
    except BaseException:
        sock.close()
        raise
    return sock


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # `mailwall serve` owns SIGTERM/SIGINT and stops every service in order.
        yield


class WebService:
    name = "web"

    def __init__(self, config: Config) -> None:
        self.config = config
        self.server = _Server(uvicorn.Config(
            create_app(config), host=config.web.host, port=config.web.port,
            # Proxy headers are read by the app itself, from `web.trusted_proxies` only:
            # uvicorn's default would trust X-Forwarded-For from any local process.
            log_level="warning", lifespan="off", proxy_headers=False,
        ))
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        # The socket is bound here rather than by uvicorn: on a bind failure uvicorn
        # raises SystemExit inside its task, which would end the whole process
        # without a word. Ops get one sentence instead.
        web = self.config.web
        try:
            sock = tcp_listener(web.host, web.port)
        except OSError as exc:
            raise ServiceStartError(
                f"cannot serve the wall on {web.host}:{web.port} "
                f"({os.strerror(exc.errno) if exc.errno else exc}): "
                "set web.port (MAILWALL_WEB_PORT) or stop what uses it") from None
        self.task = asyncio.create_task(self.server.serve(sockets=[sock]))
        while not self.server.started:
            if self.task.done():
                self.task.result()
                raise ServiceStartError(f"the wall stopped while starting on port {web.port}")
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None and not self.task.done():
            await self.task
