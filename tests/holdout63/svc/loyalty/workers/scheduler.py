"""In-process scheduler for the periodic jobs; started by the worker entrypoint."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import redis.asyncio as redis

from loyalty.utils.locks import leader_lock
from loyalty.utils.metrics import JOB_DURATION
from loyalty.utils.timeutil import utcnow
from loyalty.workers.campaign_runner import CampaignRunner
from loyalty.services.vouchers import VoucherService
from loyalty.workers.expiry import ExpiryJob, ExpiryWarnings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Job:
    name: str
    interval: float
    run: Callable[[], Awaitable[object]]
    singleton: bool = True


class Scheduler:
    def __init__(self, redis_client: redis.Redis) -> None:
        self._redis = redis_client
        self._jobs: list[Job] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def add(self, job: Job) -> None:
        self._jobs.append(job)

    async def _run_guarded(self, job: Job) -> None:
        async with leader_lock(self._redis, f"job:{job.name}", ttl_ms=int(job.interval * 1000)) as leader:
            if not leader:
                return
            with JOB_DURATION.labels(job.name).time():
                await job.run()

    async def _supervise(self, job: Job) -> None:
        failures = 0
        while True:
            try:
                await self._run_guarded(job)
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                log.exception("job %s failed (%d consecutive)", job.name, failures)
            delay = job.interval if failures == 0 else min(job.interval, 2 ** failures)
            await asyncio.sleep(delay + random.uniform(0, 1))

    def start(self) -> None:
        for job in self._jobs:
            task = asyncio.create_task(self._supervise(job), name=f"job-{job.name}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def expiry_loop(job: ExpiryJob, interval: float = 3600.0) -> None:
    while True:
        await job.run(utcnow())
        await asyncio.sleep(interval)


async def voucher_reconcile_loop(vouchers: VoucherService, interval: float = 300.0) -> None:
    while True:
        try:
            changed = await vouchers.reconcile_pending()
            if changed:
                log.info("reconciled %d vouchers", changed)
        except Exception:
            log.exception("voucher reconciliation failed")
        await asyncio.sleep(interval)


def _start_of_today():
    return utcnow().replace(hour=0, minute=0, second=0, microsecond=0)


def build_scheduler(redis_client: redis.Redis, campaigns: CampaignRunner, warnings: ExpiryWarnings) -> Scheduler:
    scheduler = Scheduler(redis_client)
    scheduler.add(Job("campaigns", 30.0, campaigns.tick_claimed))
    scheduler.add(Job("expiry-warnings", 86_400.0, lambda: warnings.run(_start_of_today())))
    return scheduler
