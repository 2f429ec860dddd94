"""Drops telemetry older than the retention window: python -m glide.workers.telemetry_pruner"""
from __future__ import annotations

import asyncio
import logging

from glide.container import Container
from glide.core.locks import LockNotAcquired, RedisLock
from glide.repositories.telemetry import TelemetryRepository
from glide.workers.common import run_program

log = logging.getLogger(__name__)


async def main(c: Container, stop: asyncio.Event) -> None:
    try:
        async with RedisLock(c.redis, "telemetry-prune", ttl_ms=30 * 60 * 1000):
            deleted = await TelemetryRepository(c.engine).prune()
    except LockNotAcquired:
        log.info("prune already running")
        return
    log.info("pruned %d telemetry rows", deleted)


if __name__ == "__main__":
    run_program("telemetry_pruner", main)
