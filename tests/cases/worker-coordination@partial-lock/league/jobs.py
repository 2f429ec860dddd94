"""Periodic league jobs started in every web process."""
import asyncio
import logging

import asyncpg
from redis.asyncio import Redis

log = logging.getLogger(__name__)


class LeagueJobs:
    """Closes seasons under a claim, but decays ratings in every process."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis

    async def close_season(self, season_id: int) -> None:
        if not await self._redis.set(f"season:{season_id}:closing", "1", nx=True, ex=3600):
            return
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE seasons SET closed_at = now() WHERE id = $1", season_id)

    async def decay_ratings(self) -> int:
        async with self._pool.acquire() as conn:
            status = await conn.execute(
                "UPDATE players SET rating = rating - 5 WHERE last_played_at < now() - interval '14 days'")
        return int(status.split()[-1])

    async def tick(self) -> None:
        async with self._pool.acquire() as conn:
            due = await conn.fetch("SELECT id FROM seasons WHERE ends_at < now() AND closed_at IS NULL")  # expect: worker-coordination
        for row in due:
            await self.close_season(row["id"])
        await self.decay_ratings()

    async def run(self) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(60)


class StandingsJobs:
    """One process per round: the leader claim covers everything the round writes."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis

    async def _claim_round(self) -> bool:
        return bool(await self._redis.set("standings:leader", "1", nx=True, ex=55))

    async def _rebuild(self) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("DELETE FROM standings_cache")
            await conn.execute("INSERT INTO standings_cache SELECT * FROM standings_view")

    async def run(self) -> None:
        while True:
            if await self._claim_round():
                await self._rebuild()
            await asyncio.sleep(60)


class OutboxRelay:
    """Polls the outbox when idle and backs off on errors; rows are not claimed."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self._pool = pool
        self._redis = redis

    async def _relay_batch(self) -> int:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch("SELECT id, topic, payload FROM outbox WHERE published_at IS NULL LIMIT 100")  # expect: worker-coordination
            for row in rows:
                await self._redis.xadd(f"events:{row['topic']}", {"payload": row["payload"]})
            await conn.execute("UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])",
                               [row["id"] for row in rows])
        return len(rows)

    async def run(self) -> None:
        while True:
            try:
                relayed = await self._relay_batch()
            except Exception:
                log.exception("relay failed")
                await asyncio.sleep(5.0)
                continue
            if relayed == 0:
                await asyncio.sleep(1.0)
