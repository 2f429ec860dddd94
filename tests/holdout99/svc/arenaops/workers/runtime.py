from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arenaops.cache.redis_client import build_redis
from arenaops.clients.match_history import MatchHistoryClient
from arenaops.clients.publisher import build_publisher_http
from arenaops.container import Container, build_container
from arenaops.db.engine import build_engine, build_sessionmaker
from arenaops.db.pg import create_pg_pool
from arenaops.settings import get_settings


@asynccontextmanager
async def worker_container() -> AsyncIterator[Container]:
    settings = get_settings()
    engine = build_engine(settings)
    pg = await create_pg_pool(settings)
    redis = build_redis(settings)
    http = build_publisher_http(settings)
    history = MatchHistoryClient(settings)
    await history.start()
    try:
        yield build_container(settings, engine, build_sessionmaker(engine), pg, redis, http, history)
    finally:
        await history.close()
        await http.aclose()
        await redis.aclose()
        await pg.close()
        await engine.dispose()
