"""Jobs of the fleet service."""
import asyncio

import asyncpg
import httpx


async def recompute_scores(db: asyncpg.Pool) -> None:  # expect: worker-coordination
    async with db.acquire(timeout=5) as conn:
        await conn.execute("UPDATE drivers SET score = (SELECT avg(rating) FROM trips WHERE trips.driver_id = drivers.id)")


async def settle_ledger(db: asyncpg.Pool) -> None:
    """One replica per round: the advisory lock decides."""
    async with db.acquire(timeout=5) as conn:
        if not await conn.fetchval("SELECT pg_try_advisory_lock(7001)"):
            return
        try:
            await conn.execute("UPDATE ledger SET settled = true WHERE settled = false")
        finally:
            await conn.execute("SELECT pg_advisory_unlock(7001)")


class TelemetryImporter:
    def __init__(self, db: asyncpg.Pool, client: httpx.AsyncClient) -> None:
        self._db = db
        self._client = client

    async def run(self) -> None:  # expect: worker-coordination
        while True:
            resp = await self._client.get("https://telematics.example.com/positions")
            async with self._db.acquire(timeout=5) as conn:
                await conn.executemany("INSERT INTO positions (vehicle_id, lat, lon) VALUES ($1, $2, $3)",
                                       [(p["id"], p["lat"], p["lon"]) for p in resp.json()])
            await asyncio.sleep(30)
