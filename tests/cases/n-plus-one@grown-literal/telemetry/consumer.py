"""Drains device messages and resolves each device."""
from __future__ import annotations

import asyncio
from typing import Any

import asyncpg

DRAIN_MAX = 500


class DeviceRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def by_serial(self, serial: str) -> Any:
        return await self._pool.fetchrow("SELECT id FROM devices WHERE serial = $1", serial)


class Consumer:
    def __init__(self, repo: DeviceRepository) -> None:
        self._repo = repo

    async def drain(self, inbox: asyncio.Queue) -> list[Any]:
        docs = [await inbox.get()]
        while not inbox.empty() and len(docs) < DRAIN_MAX:
            docs.append(inbox.get_nowait())
        found = []
        for doc in docs:
            found.append(await self._repo.by_serial(doc["serial"]))  # expect: n-plus-one
        return found

    async def probes(self) -> list[Any]:
        serials = ["probe-a", "probe-b", "probe-c"]
        return [await self._repo.by_serial(serial) for serial in serials]
