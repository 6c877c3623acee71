"""The wall's listening socket: responses on keep-alive connections are not held back."""

from __future__ import annotations

import asyncio
import socket

from web.service import tcp_listener


def test_connections_accepted_on_the_wall_listener_have_nagle_off() -> None:
    async def accepted_nodelay() -> int:
        loop = asyncio.get_running_loop()
        listener = tcp_listener("127.0.0.1", 0)
        seen: asyncio.Future[int] = loop.create_future()

        class Record(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        server = await loop.create_server(Record, sock=listener)
        try:
            _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            try:
                return await asyncio.wait_for(seen, 30)
            finally:
                writer.close()
        finally:
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0


def test_the_wall_listener_refuses_a_port_already_taken() -> None:
    first = tcp_listener("127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        try:
            tcp_listener("127.0.0.1", port).close()
        except OSError:
            return
        raise AssertionError("a second listener bound a port that was taken")
    finally:
        first.close()
