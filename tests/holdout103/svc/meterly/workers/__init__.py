"""Out-of-process workers: `python -m meterly.workers <name>`."""
from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import asynccontextmanager
from typing import AsyncIterator

from redis.asyncio import Redis

from ..container import Container
from ..db.engine import build_engine, build_sessionmaker
from ..db.pool import create_raw_pool
from ..settings import get_settings

logger = logging.getLogger(__name__)


@asynccontextmanager
async def worker_container() -> AsyncIterator[Container]:
    settings = get_settings()
    engine = build_engine(settings)
    redis = Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=3)
    pool = await create_raw_pool(settings)
    container = Container.build(settings, engine, build_sessionmaker(engine), redis, pool, node_tokens={})
    await container.start()
    try:
        yield container
    finally:
        await container.close()


def install_stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to `seconds`; True if a stop was requested meanwhile."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
        return True
    except asyncio.TimeoutError:
        return False
