"""Cached view of the unread queue for the reading-room dashboard."""
from __future__ import annotations

import asyncio
import copy
import time

from readroom.repositories.reading_queue import ReadingQueueRepository

SUBSPECIALTIES = ("neuro", "chest", "cardiac", "body", "msk", "breast", "general")


class QueueSnapshot:
    def __init__(self, repo: ReadingQueueRepository, max_age: float = 5.0) -> None:
        self.repo = repo
        self.max_age = max_age
        self._items: list[dict] = []
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    def _stale(self) -> bool:
        return time.monotonic() - self._loaded_at > self.max_age

    async def refresh(self) -> None:
        async with self._lock:
            items: list[dict] = []
            for sub in SUBSPECIALTIES:
                rows = await self.repo.list_unread(sub, 500)
                items.extend(dict(r) for r in rows)
            self._items = items
            self._loaded_at = time.monotonic()

    async def for_subspecialty(self, subspecialty: str) -> list[dict]:
        if self._stale():
            await self.refresh()
        items = copy.deepcopy(self._items)
        return [i for i in items if i["subspecialty"] == subspecialty]

    async def remove_claimed(self, assignment_id: int) -> None:
        async with self._lock:
            self._items = [i for i in self._items if i["id"] != assignment_id]
            if self._stale():
                await self.refresh()  # pick up studies queued since the last load

    async def counts(self) -> dict[str, int]:
        if self._stale():
            await self.refresh()
        async with self._lock:
            out: dict[str, int] = {}
            for item in self._items:
                out[item["subspecialty"]] = out.get(item["subspecialty"], 0) + 1
            return out
