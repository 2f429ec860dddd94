from __future__ import annotations

import asyncio
import logging
import time
import uuid
from datetime import datetime, timedelta

import redis.asyncio as aioredis

from mailroom.providers.sendgrid import SendGridProvider
from mailroom.repositories import events as events_repo

log = logging.getLogger(__name__)

LOCK_KEY = "locks:stats-rollup"
LOCK_TTL_MS = 240_000

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


async def rollup_once(redis: aioredis.Redis) -> int | None:
    token = uuid.uuid4().hex
    if not await redis.set(LOCK_KEY, token, nx=True, px=LOCK_TTL_MS):
        return None
    try:
        since = datetime.now(timezone.utc) - timedelta(hours=2)
        rows = await events_repo.hourly_rollup(since)
        log.info("stats rollup wrote %d hourly rows", rows)
        return rows
    finally:
        await redis.eval(_RELEASE, 1, LOCK_KEY, token)


async def run_rollup(redis: aioredis.Redis, every: float = 300.0) -> None:
    while True:
        try:
            await rollup_once(redis)
        except Exception:
            log.exception("stats rollup failed")
        await asyncio.sleep(every)


GLOBAL_BOUNCES = "suppress:global:bounces"
DAY = 86_400


async def sync_bounces(provider: SendGridProvider, redis: aioredis.Redis) -> int:
    since = int(time.time()) - DAY
    bounces = await provider.fetch_bounces(since)
    emails = [b["email"].lower() for b in bounces if b.get("email")]
    if emails:
        async with redis.pipeline(transaction=False) as pipe:
            for i in range(0, len(emails), 1000):
                pipe.sadd(GLOBAL_BOUNCES, *emails[i : i + 1000])
            await pipe.execute()
    log.info("synced %d global bounces", len(emails))
    return len(emails)


async def run_bounce_sync(provider: SendGridProvider, redis: aioredis.Redis) -> None:
    while True:
        try:
            await sync_bounces(provider, redis)
        except Exception:
            log.exception("bounce sync failed; next attempt tomorrow")
        await asyncio.sleep(DAY)
