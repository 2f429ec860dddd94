from __future__ import annotations

import asyncio
import logging
import random
import signal
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx

from ..db import Database
from ..redis_client import create_redis
from ..services.container import Container
from ..settings import get_settings

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger("spendlens.workers")

WorkerFactory = Callable[[Container, asyncio.Event], Awaitable[None]]


def _registry() -> dict[str, WorkerFactory]:
    from .anomaly_worker import run_anomaly_worker
    from .budget_worker import run_budget_worker
    from .ingest_worker import run_ingest_worker
    from .scan_worker import run_scan_worker

    return {
        "ingest": run_ingest_worker,
        "budgets": run_budget_worker,
        "anomalies": run_anomaly_worker,
        "scan": run_scan_worker,
    }


WORKERS = ("ingest", "budgets", "anomalies", "scan")


async def supervise(name: str, factory: WorkerFactory, container: Container, stop: asyncio.Event) -> None:
    """Run a worker loop, restarting it with capped exponential backoff when it crashes."""
    failures = 0
    while not stop.is_set():
        try:
            await factory(container, stop)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(60.0, 2.0 ** min(failures, 6)) + random.uniform(0, 1)
            logger.exception("worker %s crashed (%d), restarting in %.1fs", name, failures, delay)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass


async def _close(container: Container, redis: Redis, http: httpx.AsyncClient) -> None:
    await container.close()
    await http.aclose()
    await redis.aclose()
    await container.db.close()


async def run_worker(name: str) -> None:
    settings = get_settings()
    db = Database(settings)
    await db.connect()
    redis = create_redis(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(15.0, connect=3.0))
    container = Container(settings, db, redis, http)
    await container.start()

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    factory = _registry()[name]
    logger.info("starting worker %s", name)
    try:
        await supervise(name, factory, container, stop)
    finally:
        await _close(container, redis, http)
