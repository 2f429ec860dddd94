"""Hourly usage report to billing. Any number of replicas may run; one reports at a time."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from datetime import datetime, timezone

import redis.asyncio as redis

from glossa.cache import redis_lock
from glossa.clients.billing_sdk import BillingClient
from glossa.errors import LockBusy
from glossa.repositories.usage import UsageRepository
from glossa.workers import build_context

logger = logging.getLogger(__name__)


class BillingReporter:
    def __init__(self, client: redis.Redis, usage: UsageRepository, billing: BillingClient) -> None:
        self._redis = client
        self._usage = usage
        self._billing = billing

    async def run_once(self) -> int:
        async with redis_lock(self._redis, "metering:report", ttl=900, wait=0):
            cutoff = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
            rows = await self._usage.totals_by_org(cutoff)
            by_org: dict[int, list[dict]] = defaultdict(list)
            for row in rows:
                by_org[row["org_id"]].append({"meter": row["meter"], "quantity": int(row["total"])})
            for org_id, lines in by_org.items():
                key = f"usage-{org_id}-{cutoff:%Y%m%d%H}"
                await asyncio.to_thread(self._billing.report_usage, org_id, lines, key)
                await self._usage.mark_billed(org_id, cutoff)
            logger.info("reported usage for %d organisations up to %s", len(by_org), cutoff.isoformat())
            return len(by_org)


async def run_metering_worker(stop: asyncio.Event, *, concurrency: int = 1) -> None:
    ctx = await build_context()
    reporter = BillingReporter(ctx.redis, UsageRepository(ctx.pg), BillingClient(ctx.settings.billing_url, ctx.settings.billing_key))
    try:
        while not stop.is_set():
            try:
                await reporter.run_once()
            except LockBusy:
                logger.debug("another replica is reporting usage")
            except Exception:
                logger.exception("usage report pass failed; next pass in five minutes")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=300)
    finally:
        await ctx.aclose()
