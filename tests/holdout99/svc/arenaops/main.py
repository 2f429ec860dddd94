from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from arenaops.api import (
    routes_disputes, routes_health, routes_matches, routes_overlays, routes_payouts,
    routes_teams, routes_tournaments, routes_webhooks, ws_matchroom, ws_spectator,
)
from arenaops.api.errors import install_error_handlers
from arenaops.api.middleware import RateLimitMiddleware, RequestIdMiddleware
from arenaops.cache.redis_client import build_redis
from arenaops.clients.match_history import MatchHistoryClient
from arenaops.clients.publisher import build_publisher_http
from arenaops.container import build_container
from arenaops.db.engine import build_engine, build_sessionmaker
from arenaops.db.pg import create_pg_pool
from arenaops.logging_setup import configure_logging
from arenaops.settings import get_settings
from arenaops.workers.ranking_nightly import nightly_loop

logger = logging.getLogger(__name__)

_ROUTERS = (
    routes_health.router, routes_teams.router, routes_tournaments.router, routes_matches.router,
    routes_disputes.router, routes_payouts.router, routes_webhooks.router, routes_overlays.router,
    ws_spectator.router, ws_matchroom.router,
)


def _log_task_exit(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("background task %s died", task.get_name(), exc_info=task.exception())


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    engine = build_engine(settings)
    pg = await create_pg_pool(settings)
    redis = build_redis(settings)
    publisher_http = build_publisher_http(settings)
    history = MatchHistoryClient(settings)
    await history.start()
    container = build_container(settings, engine, build_sessionmaker(engine), pg, redis, publisher_http, history)
    app.state.container = container

    tasks: set[asyncio.Task] = set()
    listener = asyncio.create_task(container.spectators.listen(), name="spectator-listener")
    tasks.add(listener)
    poller = asyncio.create_task(container.anticheat.poll_forever(), name="anticheat-poller")
    poller.add_done_callback(_log_task_exit)
    tasks.add(poller)
    if settings.run_nightly_in_api:
        tasks.add(asyncio.create_task(nightly_loop(container), name="nightly-rankings"))
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await history.close()
        await publisher_http.aclose()
        await container.anticheat_client.aclose()
        container.cpu_pool.shutdown(wait=False)
        await redis.aclose()
        await pg.close()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="ArenaOps", lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for router in _ROUTERS:
        app.include_router(router)
    return app


app = create_app()
