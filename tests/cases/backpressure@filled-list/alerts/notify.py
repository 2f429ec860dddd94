"""Storm alerts to every device registered in a region."""
from __future__ import annotations

import asyncio

import asyncpg

from .push import PushGateway


class StormAlerts:
    def __init__(self, pool: asyncpg.Pool, push: PushGateway) -> None:
        self._pool = pool
        self._push = push
        self._slots = asyncio.Semaphore(20)

    async def alert_region(self, region: str, text: str) -> None:
        rows = await self._pool.fetch("SELECT token, muted FROM devices WHERE region = $1", region)
        tokens: list[str] = []
        for row in rows:
            if not row["muted"]:
                tokens.append(row["token"])
        await asyncio.gather(*(self._push.send(token, text) for token in tokens))  # expect: backpressure

    async def alert_region_paced(self, region: str, text: str) -> None:
        rows = await self._pool.fetch("SELECT token, muted FROM devices WHERE region = $1", region)
        tokens: list[str] = []
        for row in rows:
            if not row["muted"]:
                tokens.append(row["token"])
        await asyncio.gather(*(self._send_limited(token, text) for token in tokens))

    async def alert_next_batch(self, text: str, batch_size: int = 25) -> None:
        rows = await self._pool.fetch("SELECT token FROM devices WHERE alerted = false LIMIT $1", batch_size)
        tokens: list[str] = []
        for row in rows:
            tokens.append(row["token"])
        await asyncio.gather(*(self._push.send(token, text) for token in tokens))

    async def alert_admins(self, text: str) -> None:
        tokens: list[str] = []
        for token in ("ops-1", "ops-2"):
            tokens.append(token)
        await asyncio.gather(*(self._push.send(token, text) for token in tokens))

    async def _send_limited(self, token: str, text: str) -> None:
        async with self._slots:
            await self._push.send(token, text)
