"""Shared worker plumbing: resources, supervision and graceful shutdown."""
from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass
from typing import Protocol

import asyncpg
import redis.asyncio as aioredis

from ..cache import create_redis
from ..clients.payments import PaymentsClient
from ..db import create_pg_pool, engine
from ..services.notifications import Notifier
from ..settings import Settings, get_settings

logger = logging.getLogger(__name__)


@dataclass
class WorkerContext:
    settings: Settings
    redis: aioredis.Redis
    pool: asyncpg.Pool
    payments: PaymentsClient
    notifier: Notifier


class Worker(Protocol):
    name: str

    async def run(self, stopping: asyncio.Event) -> None: ...


async def sleep_or_stop(stopping: asyncio.Event, seconds: float) -> None:
    """Sleep for `seconds`, returning early if shutdown was requested."""
    try:
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


async def build_context() -> WorkerContext:
    settings = get_settings()
    payments = PaymentsClient(settings.payments_base_url, settings.payments_api_key)
    await payments.start()
    return WorkerContext(
        settings=settings,
        redis=create_redis(settings.redis_url),
        pool=await create_pg_pool(),
        payments=payments,
        notifier=Notifier(settings.push_base_url, settings.push_api_key, settings.currency),
    )


async def close_context(ctx: WorkerContext) -> None:
    await ctx.payments.close()
    await ctx.pool.close()
    await ctx.redis.aclose()
    await engine.dispose()


class Supervisor:
    def __init__(self, worker: Worker) -> None:
        self._worker = worker
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        logger.info("stopping %s", self._worker.name)
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._worker.run(self._stopping)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("worker %s crashed; restarting", self._worker.name)


def _jobs() -> dict[str, type]:
    from .deposit_release import DepositReleaseWorker
    from .maintenance import MaintenanceWorker
    from .overdue import OverdueWorker
    from .telemetry_ingest import TelemetryIngestWorker

    return {
        DepositReleaseWorker.name: DepositReleaseWorker,
        OverdueWorker.name: OverdueWorker,
        MaintenanceWorker.name: MaintenanceWorker,
        TelemetryIngestWorker.name: TelemetryIngestWorker,
    }


JOBS = ("deposit-release", "overdue", "maintenance", "telemetry-ingest")


async def run_job(name: str) -> None:
    ctx = await build_context()
    worker = _jobs()[name](ctx)
    supervisor = Supervisor(worker)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, supervisor.stop)
    try:
        await supervisor.run()
    finally:
        await close_context(ctx)
