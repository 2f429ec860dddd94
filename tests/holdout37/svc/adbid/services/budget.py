"""Daily budget enforcement on Redis counters.

Each campaign has a per-day spend counter in micros. The bidder reserves the
bid price before answering the exchange; the tracking service settles the
reservation against the clearing price when the impression arrives.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import date

from redis.asyncio import Redis

from adbid.cache.redis_client import budget_key

log = logging.getLogger(__name__)

# Guard the in-process cap table and the pacing multipliers while they are recomputed.
BUDGET_LOCK = asyncio.Lock()
PACING_LOCK = asyncio.Lock()

CAPS_KEY = "budget:caps"
PACING_MULTIPLIER_KEY = "pacing:multipliers"

_RESERVE_SCRIPT = """
local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
local price = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
if spent + price > cap then
  return -1
end
local total = redis.call('INCRBY', KEYS[1], price)
redis.call('EXPIRE', KEYS[1], 172800)
return total
"""


class BudgetExhausted(Exception):
    pass


class BudgetService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._reserve = redis.register_script(_RESERVE_SCRIPT)
        self._caps: dict[int, int] = {}

    async def reserve(self, campaign_id: int, price_micros: int, daily_cap_micros: int, day: date) -> int:
        total = await self._reserve(keys=[budget_key(campaign_id, day.isoformat())],
                                    args=[price_micros, daily_cap_micros])
        if int(total) < 0:
            raise BudgetExhausted(campaign_id)
        return int(total)

    async def settle(self, campaign_id: int, reserved_micros: int, cleared_micros: int, day: date) -> None:
        delta = cleared_micros - reserved_micros
        if delta:
            await self._redis.incrby(budget_key(campaign_id, day.isoformat()), delta)

    async def refund(self, campaign_id: int, amount_micros: int, day: date) -> int:
        key = budget_key(campaign_id, day.isoformat())
        current = int(await self._redis.get(key) or 0)
        spent = max(current - amount_micros, 0)
        await self._redis.set(key, spent, ex=172800)
        return spent

    async def spent_today(self, campaign_ids: list[int], day: date) -> dict[int, int]:
        if not campaign_ids:
            return {}
        values = await self._redis.mget([budget_key(cid, day.isoformat()) for cid in campaign_ids])
        return {cid: int(v or 0) for cid, v in zip(campaign_ids, values)}

    async def rebalance(self, caps: dict[int, int], multipliers: dict[int, float]) -> None:
        """Store the remaining daily caps and zero the multiplier of every exhausted campaign."""
        async with BUDGET_LOCK:
            self._caps.update(caps)
            await self._redis.hset(CAPS_KEY, mapping={str(k): v for k, v in caps.items()})
            async with PACING_LOCK:
                exhausted = {cid: 0.0 for cid in multipliers if self._caps.get(cid, 0) <= 0}
                if exhausted:
                    await self._redis.hset(PACING_MULTIPLIER_KEY, mapping={str(k): v for k, v in exhausted.items()})
        log.debug("rebalanced %d campaign caps, %d exhausted", len(caps), len(exhausted))
