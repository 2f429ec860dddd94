from __future__ import annotations

import asyncio


class RunService:
    def __init__(self, store) -> None:
        self._store = store
        self._lock = asyncio.Lock()

    async def ingest(self, rows: list[dict]) -> int:
        await self._lock.acquire()
        try:
            count = await self._store.insert(rows)
            await self._close_run(rows)
        finally:
            self._lock.release()
        return count

    async def _close_run(self, rows: list[dict]) -> None:
        async with self._lock:  # expect: deadlock
            await self._store.rebuild(len(rows))

    async def backfill(self, rows: list[dict]) -> int:
        await self._lock.acquire()
        try:
            count = await self._store.insert(rows)
        finally:
            self._lock.release()
        await self._summarise(rows)
        return count

    async def _summarise(self, rows: list[dict]) -> None:
        async with self._lock:
            await self._store.rebuild(len(rows))
