"""Per-site overview state, refreshed by a background consumer."""
from __future__ import annotations

import asyncio


class Overview:
    def __init__(self) -> None:
        self._sites: dict[int, dict] = {}
        self._queues: list[asyncio.Queue] = []

    async def snapshot(self, site_id: int) -> dict:
        return dict(self._sites.get(site_id, {}))

    async def updates(self):
        queue: asyncio.Queue = asyncio.Queue()
        self._queues.append(queue)
        while True:
            yield await queue.get()


overview = Overview()
