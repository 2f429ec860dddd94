"""Line protocol bridge to a mainframe terminal gateway."""
from __future__ import annotations

import asyncio


class TerminalGateway:
    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port

    async def query(self, command: str) -> str:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), 3)
        try:
            writer.write(command.encode() + b"\n")
            await writer.drain()
            reply = await reader.readline()  # expect: missing-timeout
            return reply.decode().strip()
        finally:
            writer.close()

    async def query_bounded(self, command: str) -> str:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), 3)
        try:
            writer.write(command.encode() + b"\n")
            await writer.drain()
            reply = await asyncio.wait_for(reader.readline(), 5)
            return reply.decode().strip()
        finally:
            writer.close()

    async def ping(self) -> bool:
        _, writer = await asyncio.open_connection(self._host, self._port)  # expect: missing-timeout
        writer.close()
        return True


async def follow_events(host: str, port: int, queue: asyncio.Queue) -> None:
    """Consumes what the gateway pushes: waiting quietly between events is the point."""
    async with asyncio.timeout(5):
        reader, _writer = await asyncio.open_connection(host, port)
    while True:
        line = await reader.readline()
        if not line:
            return
        await queue.put(line)


async def local_agent_status(socket_path: str) -> str:
    """Asks the host agent over its unix socket: the connect fails at once when nobody listens."""
    reader, writer = await asyncio.open_unix_connection(socket_path)
    try:
        writer.write(b"STATUS\n")
        await writer.drain()
        reply = await reader.readline()  # expect: missing-timeout
        return reply.decode().strip()
    finally:
        writer.close()
