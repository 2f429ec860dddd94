"""Shared bootstrap for worker processes (`python -m fabline.workers.<name>`)."""
from __future__ import annotations

import asyncio
import logging
import signal
import uuid
from contextlib import asynccontextmanager
from typing import AsyncIterator

import redis.asyncio as aioredis

from fabline.core import db, pg
from fabline.core.container import Container
from fabline.core.logging import configure_logging
from fabline.core.redis import close_redis, init_redis
from fabline.core.settings import get_settings

logger = logging.getLogger(__name__)

RELEASE_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


@asynccontextmanager
async def worker_container() -> AsyncIterator[Container]:
    settings = get_settings()
    configure_logging(settings.environment)
    db.init_engine()
    pool = await pg.create_pool()
    redis = init_redis()
    container = await Container.build(settings, pool, redis, db.session_factory())
    try:
        yield container
    finally:
        await container.close()
        await pg.close_pool()
        await close_redis()
        await db.dispose_engine()


def install_stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


@asynccontextmanager
async def leader_lock(redis: aioredis.Redis, name: str, ttl: int = 60) -> AsyncIterator[bool]:
    """Yield True in exactly one replica at a time (redis SET NX EX with owner token)."""
    token = uuid.uuid4().hex
    key = f"leader:{name}"
    acquired = bool(await redis.set(key, token, nx=True, ex=ttl))
    try:
        yield acquired
    finally:
        if acquired:
            await redis.eval(RELEASE_LUA, 1, key, token)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
