from __future__ import annotations

import json
import logging
from datetime import date

import redis.asyncio as aioredis

from rental.keys import offer_key, run_label, stock_key

log = logging.getLogger(__name__)


async def cached_offer(redis: aioredis.Redis, depot_id: str, category: str, first_day: date, last_day: date) -> dict | None:
    raw = await redis.get(offer_key(depot_id, category, first_day, last_day))
    return json.loads(raw) if raw else None


async def save_offer(redis: aioredis.Redis, offer: dict, first_day: date, last_day: date) -> None:
    key = offer_key(offer["depot"], offer["category"], first_day, last_day)
    async with redis.pipeline(transaction=False) as pipe:
        pipe.set(key, json.dumps(offer), ex=300)
        await pipe.execute()


async def cached_stock(redis: aioredis.Redis, depot_id: str, category: str, day: date) -> int | None:
    raw = await redis.get(stock_key(depot_id, category, day))
    return int(raw) if raw else None


async def refresh(depot_id: str, attempt: int) -> None:
    log.info("starting %s", run_label(depot_id, attempt))
