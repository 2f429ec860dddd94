"""Rating and standings jobs; every web process starts both."""
import asyncio
import logging
import time

import asyncpg

from judge.locks import redis_lock

log = logging.getLogger(__name__)


async def pause(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


async def apply_ratings(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        contests = await conn.fetch("SELECT id FROM contests WHERE finished AND NOT rating_applied")  # expect: worker-coordination
        for contest in contests:
            await conn.execute("UPDATE users SET rating = rating + d.delta FROM deltas d WHERE d.contest_id = $1",
                               contest["id"])
            await conn.execute("UPDATE contests SET rating_applied = true WHERE id = $1", contest["id"])


async def rating_loop(pool: asyncpg.Pool, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await apply_ratings(pool)
        except asyncpg.PostgresError:
            log.exception("rating pass failed")
            time.sleep(5)
            continue
        await pause(stop, 60)


async def refresh_standings(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn:
        contests = await conn.fetch("SELECT id FROM contests WHERE running")
        for contest in contests:
            await conn.execute("UPDATE standings SET stale = true WHERE contest_id = $1", contest["id"])


async def standings_loop(pool: asyncpg.Pool, redis, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            async with redis_lock(redis, "standings", ttl=30) as leader:
                if leader:
                    await refresh_standings(pool)
        except asyncpg.PostgresError:
            log.exception("standings pass failed")
            await asyncio.sleep(5)
            continue
        await pause(stop, 10)
