"""Relays sensor readings to dashboards and to the archive, in batches."""
import asyncio
from typing import Any


class DashboardRelay:
    def __init__(self, source: Any) -> None:
        self._source = source
        self._viewers: set[asyncio.Queue[list[dict]]] = set()
        self._pending: list[dict] = []  # expect: backpressure

    async def collect(self) -> None:
        while True:
            reading = await self._source.next_reading()
            self._pending.append(reading)

    async def deliver(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            if not self._viewers:
                continue
            batch, self._pending = self._pending, []
            for viewer in self._viewers:
                viewer.put_nowait(batch)


class ArchiveRelay:
    def __init__(self, source: Any, archive: Any) -> None:
        self._source = source
        self._archive = archive
        self._pending: list[dict] = []

    async def collect(self) -> None:
        while True:
            reading = await self._source.next_reading()
            self._pending.append(reading)

    async def deliver(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            if not self._pending:
                continue
            batch, self._pending = self._pending, []
            await self._archive.write_many(batch)
