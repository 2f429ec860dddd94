import asyncio

import redis.asyncio as aioredis

from scans.workers import PENDING, build_redis, write_report


async def take_batch(redis: aioredis.Redis, n: int = 10) -> list[str]:
    items = await redis.lrange(PENDING, 0, n - 1)  # expect: worker-coordination
    if items:
        await redis.ltrim(PENDING, len(items), -1)
    return items


async def run() -> None:
    redis = build_redis()
    while True:
        batch = await take_batch(redis)
        if not batch:
            await asyncio.sleep(5)
            continue
        await asyncio.gather(*(write_report(redis, scan_id) for scan_id in batch))
