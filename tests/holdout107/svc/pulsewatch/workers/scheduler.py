"""Dispatches due monitors to the regional job streams.

Run with ``python -m pulsewatch.workers.scheduler``; any number of replicas may
run because monitors are claimed with ``SKIP LOCKED``.
"""
from __future__ import annotations

import asyncio
import json

import structlog

from pulsewatch.config import get_settings
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.db.redis import close_redis, init_redis
from pulsewatch.logging_setup import configure_logging
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.timeutil import utcnow
from pulsewatch.workers.common import install_signal_handlers, sleep_or_stop
from pulsewatch.workers.prober import job_stream

log = structlog.get_logger(__name__)

STREAM_MAXLEN = 200_000


async def dispatch_once(repo: MonitorRepository, redis, batch_size: int) -> int:
    monitors = await repo.claim_due(utcnow(), batch_size)
    if not monitors:
        return 0
    pipe = redis.pipeline(transaction=False)
    for monitor in monitors:
        job = json.dumps(
            {
                "id": str(monitor["id"]),
                "kind": monitor["kind"],
                "target": monitor["target"],
                "timeout_s": monitor["timeout_s"],
                "expected_status": monitor["expected_status"],
                "keyword": monitor["keyword"],
            }
        )
        for region in monitor["regions"]:
            pipe.xadd(job_stream(region), {"job": job}, maxlen=STREAM_MAXLEN, approximate=True)
    await pipe.execute()
    return len(monitors)


async def main() -> None:
    settings = get_settings()
    configure_logging()
    stop = asyncio.Event()
    install_signal_handlers(stop)
    pool = await init_pool(settings)
    redis = init_redis(settings)
    repo = MonitorRepository(pool)
    try:
        while not stop.is_set():
            try:
                dispatched = await dispatch_once(repo, redis, settings.probe_batch_size)
            except Exception:
                log.exception("scheduler.dispatch_failed")
                dispatched = 0
            if dispatched < settings.probe_batch_size and await sleep_or_stop(stop, 1.0):
                break
    finally:
        await close_pool()
        await close_redis()


if __name__ == "__main__":
    asyncio.run(main())
