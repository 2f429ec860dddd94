"""Hourly rollup of sensor readings into readings_hourly."""
from __future__ import annotations

from datetime import timedelta

from fieldwise.cache import LockNotAcquired, redis_lock
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.readings import ReadingsRepository
from fieldwise.services.container import Services
from fieldwise.utils.timeutil import utcnow
from fieldwise.workers.runtime import install_stop_event, run_periodic, worker_services

log = get_logger(__name__)


async def rollup_previous_hour(deps: Services) -> None:
    hour = utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    try:
        async with redis_lock(deps.redis, f"rollup:{hour:%Y%m%d%H}", ttl_s=600):
            await ReadingsRepository(deps.pg).rollup_hour(hour)
            log.info("rollup.done", hour=hour.isoformat())
    except LockNotAcquired:
        log.info("rollup.skipped_locked", hour=hour.isoformat())


async def main() -> None:
    async with worker_services() as deps:
        stop = install_stop_event()
        await run_periodic("rollup", 300, lambda: rollup_previous_hour(deps), stop)
