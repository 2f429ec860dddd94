"""In-process periodic jobs."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid

from redis.asyncio import Redis

from svc.clients.payments import PaymentsClient
from svc.db.engine import SessionLocal
from svc.services.ad_insertion import refresh_campaigns
from svc.services.episodes import EpisodeService
from svc.services.feeds import FeedService
from svc.services.webhooks import WebhookService
from svc.workers.payout_runner import run_monthly_payouts
from svc.workers.rollup import backfill_once

log = logging.getLogger(__name__)

TICK_SECONDS = 60


async def _with_lock(redis: Redis, name: str, ttl: int) -> bool:
    token = uuid.uuid4().hex
    return bool(await redis.set(f"lock:{name}", token, nx=True, ex=ttl))


async def publish_scheduled(redis: Redis) -> None:
    if not await _with_lock(redis, "publish-scheduled", ttl=55):
        return
    async with SessionLocal() as session:
        service = EpisodeService(session, FeedService(session, redis), WebhookService())
        ids = await service.publish_due(dt.datetime.now(dt.timezone.utc))
    if ids:
        log.info("published %d scheduled episodes", len(ids))


async def refresh_ads() -> None:
    async with SessionLocal() as session:
        count = await refresh_campaigns(session)
    log.debug("loaded %d active ad campaigns", count)


async def monthly_payouts(payments: PaymentsClient) -> None:
    now = dt.datetime.now(timezone.utc)
    if now.day != 1 or now.hour != 6:
        return
    summary = await run_monthly_payouts(payments)
    log.info("monthly payouts: %s", summary)


async def run_scheduler(redis: Redis, payments: PaymentsClient, stop: asyncio.Event) -> None:
    tick = 0
    while not stop.is_set():
        jobs = [publish_scheduled(redis), refresh_ads()]
        if tick % 60 == 0:
            jobs.append(monthly_payouts(payments))
            jobs.append(backfill_once())
        results = await asyncio.gather(*jobs, return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                log.error("scheduled job failed: %r", result)
        tick += 1
        try:
            await asyncio.wait_for(stop.wait(), timeout=TICK_SECONDS)
        except asyncio.TimeoutError:
            pass
