from __future__ import annotations

import asyncio
import logging

from portops.cache.locks import LockNotAcquired, redis_lock
from portops.cache.redis_client import key
from portops.repositories.yard import YardRepository
from portops.workers.context import WorkerContext

log = logging.getLogger(__name__)

INTERVAL_S = 300
HOT_BLOCK_RATIO = 0.9


async def rebalance_once(ctx: WorkerContext) -> list[int]:
    async with ctx.sessionmaker() as session:
        repo = YardRepository(session)
        blocks = {b.id: b for b in await repo.blocks()}
        occupancy = await repo.occupancy()
    hot = []
    for block_id, used in occupancy.items():
        block = blocks.get(block_id)
        if block is None:
            continue
        capacity = block.rows * block.bays * block.max_tiers
        if capacity and used / capacity >= HOT_BLOCK_RATIO:
            hot.append(block_id)
    if hot:
        await ctx.redis.set(key("yard", "hot-blocks"), ",".join(map(str, hot)), ex=INTERVAL_S * 2)
    return hot


async def run(ctx: WorkerContext) -> None:
    while True:
        try:
            async with redis_lock(ctx.redis, key("lock", "yard-rebalance"), ttl_ms=INTERVAL_S * 1000):
                hot = await rebalance_once(ctx)
                log.info("yard rebalance: %d hot blocks", len(hot))
        except LockNotAcquired:
            log.debug("another replica is rebalancing")
        await asyncio.sleep(INTERVAL_S)
