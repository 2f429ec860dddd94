"""One control connection per process, opened on first use behind a lock."""
from __future__ import annotations

import asyncio

from broker.protocol import read_frame


class BrokerClient:
    def __init__(self, path: str) -> None:
        self._path = path
        self._lock = asyncio.Lock()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._session = ""

    async def connect(self) -> None:
        async with self._lock:
            if self._writer is not None:
                return
            reader, writer = await asyncio.open_unix_connection(self._path)
            hello = await read_frame(reader, timeout=10.0)
            self._session = hello["session"]
            self._reader, self._writer = reader, writer

    async def next_event(self) -> dict:
        async with self._lock:  # expect: deadlock
            assert self._reader is not None
            return await read_frame(self._reader)
