"""The web wall as a `mailwall serve` service: uvicorn in the gateway's event loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import uvicorn

from wall_store.config import Config
from web.app import create_app


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
            log_level="warning", lifespan="off", proxy_headers=True,
        ))
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started:
            if self.task.done():
                self.task.result()  # the port was taken, or the like: say so
                raise RuntimeError(
                    f"the web server stopped at start on port {self.config.web.port}")
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task
