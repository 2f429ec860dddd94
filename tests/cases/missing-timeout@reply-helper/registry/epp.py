"""Length-prefixed XML frames to the registry over one TLS connection."""
from __future__ import annotations

import asyncio
import ssl
import struct


class FrameClient:
    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._lock = asyncio.Lock()

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(self._host, self._port, ssl=ssl.create_default_context()), timeout=15
        )
        await asyncio.wait_for(self._read_frame(), timeout=15)  # the greeting

    async def _read_frame(self) -> bytes:
        assert self._reader is not None
        header = await self._reader.readexactly(4)  # expect: missing-timeout
        (length,) = struct.unpack(">I", header)
        return await asyncio.wait_for(self._reader.readexactly(length - 4), timeout=30)

    async def _read_frame_bounded(self) -> bytes:
        assert self._reader is not None
        header = await asyncio.wait_for(self._reader.readexactly(4), timeout=30)
        (length,) = struct.unpack(">I", header)
        return await asyncio.wait_for(self._reader.readexactly(length - 4), timeout=30)

    async def command(self, xml: str) -> bytes:
        data = xml.encode()
        async with self._lock:
            assert self._writer is not None
            self._writer.write(struct.pack(">I", len(data) + 4) + data)
            await self._writer.drain()
            return await self._read_frame()

    async def command_bounded(self, xml: str) -> bytes:
        data = xml.encode()
        async with self._lock:
            assert self._writer is not None
            self._writer.write(struct.pack(">I", len(data) + 4) + data)
            await self._writer.drain()
            return await self._read_frame_bounded()


class PollFeed:
    """Reads the notices the registry pushes; answers each with an ack."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def _next_notice(self) -> bytes:
        return await self._reader.readline()

    async def run(self, queue: asyncio.Queue) -> None:
        while True:
            notice = await self._next_notice()
            if not notice:
                return
            await queue.put(notice)
            self._writer.write(b"ACK\n")
            await self._writer.drain()
