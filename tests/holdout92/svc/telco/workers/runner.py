from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

from telco.container import Container, build_container
from telco.db import build_engine, build_pg_pool, build_session_factory
from telco.redis_client import build_redis
from telco.settings import Settings, get_settings

logger = logging.getLogger(__name__)


async def supervise(name: str, step: Callable[[], Awaitable[None]], interval: float, max_backoff: float = 300.0) -> None:
    """Run `step` every `interval` seconds; on failure back off exponentially instead of spinning."""
    failures = 0
    while True:
        try:
            await step()
            failures = 0
            await asyncio.sleep(interval)
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(max_backoff, interval * 2 ** failures) + random.uniform(0, 1)
            logger.exception("%s failed (%d in a row), retrying in %.0fs", name, failures, delay)
            await asyncio.sleep(delay)


async def build_runtime(settings: Settings | None = None) -> Container:
    settings = settings or get_settings()
    engine = build_engine(settings)
    pool = await build_pg_pool(settings)
    return build_container(settings, engine, build_session_factory(engine), pool, build_redis(settings))
