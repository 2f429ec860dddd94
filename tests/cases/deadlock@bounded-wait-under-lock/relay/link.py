"""A line-based control link to a device; one request/answer at a time."""
import asyncio

import async_timeout


class DeviceLink:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._io_lock = asyncio.Lock()

    async def ask(self, command: str) -> bytes:
        async with self._io_lock:  # expect: deadlock
            self._writer.write(command.encode() + b"\n")
            await self._writer.drain()
            return await self._reader.readline()

    async def ask_bounded(self, command: str) -> bytes:
        async with self._io_lock:
            self._writer.write(command.encode() + b"\n")
            await self._writer.drain()
            async with asyncio.timeout(5):
                return await self._reader.readline()

    async def ask_legacy(self, command: str) -> bytes:
        async with self._io_lock:
            self._writer.write(command.encode() + b"\n")
            await self._writer.drain()
            async with async_timeout.timeout(5):
                return await self._reader.readline()

    async def ask_wrapped(self, command: str) -> bytes:
        async with self._io_lock:
            self._writer.write(command.encode() + b"\n")
            await self._writer.drain()
            return await asyncio.wait_for(self._reader.readline(), timeout=5)

    async def _answer(self) -> bytes:
        return await self._reader.readexactly(64)

    async def ask_block(self, command: str) -> bytes:
        async with self._io_lock:
            self._writer.write(command.encode() + b"\n")
            return await asyncio.wait_for(self._answer(), timeout=5)
