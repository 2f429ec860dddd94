"""Periodic health probes of mirrors stored in the database."""
from __future__ import annotations

import asyncio
import random

import asyncpg
import httpx

PROBES_PER_ROUND = 5


class MirrorProber:
    def __init__(self, pool: asyncpg.Pool, client: httpx.AsyncClient) -> None:
        self._pool = pool
        self._client = client

    async def probe(self, url: str) -> bool:
        resp = await self._client.get(url)
        return resp.status_code == 200

    async def stale_mirrors(self) -> list:
        return await self._pool.fetch("SELECT url FROM mirrors WHERE checked_at < now() - interval '1 hour'")

    async def pick_round(self) -> list:
        rows = await self.stale_mirrors()
        return random.sample(rows, min(PROBES_PER_ROUND, len(rows)))

    async def probe_all(self) -> list:
        rows = await self.stale_mirrors()
        return await asyncio.gather(*[self.probe(r["url"]) for r in rows])  # expect: backpressure

    async def probe_round(self) -> list:
        picked = await self.pick_round()
        return await asyncio.gather(*[self.probe(r["url"]) for r in picked])

    async def probe_three(self) -> list:
        rows = await self.stale_mirrors()
        picked = random.sample(rows, k=3)
        return await asyncio.gather(*[self.probe(r["url"]) for r in picked])
