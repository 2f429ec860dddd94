import asyncio

import redis.asyncio as aioredis

from scans.workers import THUMBS, build_redis, write_report


async def take_batch(redis: aioredis.Redis, n: int = 10) -> list[str]:
    return await redis.lpop(THUMBS, n) or []


async def run() -> None:
    """The same consumer, but LPOP removes the items as it hands them over: one copy gets each."""
    redis = build_redis()
    while True:
        batch = await take_batch(redis)
        if not batch:
            await asyncio.sleep(5)
            continue
        await asyncio.gather(*(write_report(redis, scan_id) for scan_id in batch))
