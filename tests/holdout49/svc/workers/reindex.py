"""Rebuilds search vectors and the autocomplete set for recently edited lots."""
from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

from svc.db.engine import pg
from svc.utils.locks import LockNotAcquired, redis_lock

log = logging.getLogger(__name__)


async def _refresh_vector(lot_id: int) -> None:
    async with pg.acquire() as conn:
        await conn.execute(
            "UPDATE lots SET search_vector = setweight(to_tsvector('english', title), 'A') || "
            "setweight(to_tsvector('english', coalesce(description, '')), 'B') WHERE id = $1",
            lot_id,
        )


async def reindex_changed(redis: Redis) -> int:
    try:
        async with redis_lock(redis, "reindex", ttl_ms=120_000):
            ids = [int(x) for x in await redis.smembers("reindex:pending")]
            await asyncio.gather(*(_refresh_vector(lot_id) for lot_id in ids))
            if ids:
                await redis.srem("reindex:pending", *ids)
            return len(ids)
    except LockNotAcquired:
        log.debug("reindex already running on another replica")
        return 0


async def rebuild_suggestions(redis: Redis) -> int:
    async with pg.acquire() as conn:
        rows = await conn.fetch("SELECT lower(title) AS t FROM lots WHERE status IN ('open', 'scheduled')")
    titles: list[str] = []
    for row in rows:
        if row["t"] not in titles:
            titles.append(row["t"])
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete("suggest:titles")
        if titles:
            pipe.zadd("suggest:titles", {t: 0 for t in titles})
        await pipe.execute()
    return len(titles)


async def run(redis: Redis) -> None:
    while True:
        await reindex_changed(redis)
        await rebuild_suggestions(redis)
        await asyncio.sleep(60)
