from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from judgehall.cache.redis import build_redis
from judgehall.db.engine import build_engine, build_session_factory
from judgehall.settings import Settings, configure_logging, get_settings
from judgehall.utils.background import BackgroundTasks

log = logging.getLogger(__name__)


@dataclass
class WorkerContext:
    name: str
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    redis: Redis
    stop: asyncio.Event
    tasks: BackgroundTasks


async def _run(name: str, main: Callable[[WorkerContext], Awaitable[None]]) -> None:
    settings = get_settings()
    engine = build_engine(settings)
    ctx = WorkerContext(
        name=name,
        settings=settings,
        engine=engine,
        session_factory=build_session_factory(engine),
        redis=build_redis(settings),
        stop=asyncio.Event(),
        tasks=BackgroundTasks(),
    )
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, ctx.stop.set)
    log.info("worker %s starting", name)
    try:
        await main(ctx)
    finally:
        await ctx.tasks.shutdown()
        await ctx.redis.aclose()
        await engine.dispose()
        log.info("worker %s stopped", name)


def run_worker(name: str, main: Callable[[WorkerContext], Awaitable[None]]) -> None:
    configure_logging(get_settings().debug and "DEBUG" or "INFO")
    asyncio.run(_run(name, main))


async def sleep_or_stop(ctx: WorkerContext, seconds: float) -> None:
    try:
        await asyncio.wait_for(ctx.stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
