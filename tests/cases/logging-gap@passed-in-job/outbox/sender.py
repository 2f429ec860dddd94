"""Webhook deliveries and the outbox table they come from."""
import asyncpg
import httpx


class Sender:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def deliver(self, url: str, body: dict) -> int:
        resp = await self._http.post(url, json=body)
        return resp.status_code

    async def ping(self) -> None:
        await self._http.get("/health")


class Outbox:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def due(self) -> list[asyncpg.Record]:
        return await self._pool.fetch("SELECT id, url, body FROM outbox WHERE sent_at IS NULL LIMIT 100")

    async def purge(self) -> int:
        return int(await self._pool.fetchval("WITH d AS (DELETE FROM outbox WHERE sent_at < now() - interval '7 days'"
                                             " RETURNING 1) SELECT count(*) FROM d"))
