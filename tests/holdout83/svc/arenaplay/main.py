from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from arenaplay import __version__
from arenaplay.clients.anticheat_vendor import GuardlineClient
from arenaplay.clients.geo import GeoClient
from arenaplay.clients.payments import PaymentsClient
from arenaplay.clients.steam import SteamAuthClient
from arenaplay.clients.storage import ObjectStore
from arenaplay.db.engine import dispose_engine
from arenaplay.db.pg import PgPool
from arenaplay.errors import install_error_handlers
from arenaplay.infra.pubsub import Publisher
from arenaplay.infra.redis import create_redis
from arenaplay.logging_setup import configure_logging
from arenaplay.middleware import RateLimitMiddleware, RequestIdMiddleware
from arenaplay.routers import accounts, admin, health, leaderboards, matches, matchmaking, replays, reports, store
from arenaplay.services.matchmaking import MatchmakingService, load_map_pool
from arenaplay.services.sessions import SessionManager
from arenaplay.settings import get_settings
from arenaplay.utils.codec import StateCodec
from arenaplay.workers.season_rollover import season_rollover_loop
from arenaplay.ws import game_ws, queue_ws, spectator_ws
from arenaplay.ws.hub import MatchHub, SpectatorHub

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    app.state.settings = settings
    app.state.redis = create_redis(settings.redis_url)
    app.state.pg = PgPool(settings)
    await app.state.pg.open()
    app.state.http = httpx.AsyncClient(timeout=httpx.Timeout(5.0), follow_redirects=True)
    app.state.payments = PaymentsClient(settings)
    app.state.steam = SteamAuthClient(settings)
    app.state.geo = GeoClient(settings)
    app.state.guardline = GuardlineClient(settings)
    app.state.object_store = ObjectStore(settings)
    app.state.ws_slots = {}
    app.state.queue_watchers = {}
    app.state.hub = MatchHub()
    app.state.spectators = SpectatorHub(maxsize=settings.ws_outbox_size)
    app.state.sessions = SessionManager(Publisher(app.state.redis), StateCodec())
    map_pool = await asyncio.to_thread(load_map_pool, settings.map_pool_path)
    app.state.matchmaking = MatchmakingService(app.state.redis, app.state.geo, app.state.sessions, map_pool)

    app.state.relay_task = asyncio.create_task(app.state.hub.run_relay(app.state.redis))
    app.state.rollover_task = asyncio.create_task(season_rollover_loop(settings))
    logger.info("arenaplay %s started", __version__)
    try:
        yield
    finally:
        for task in (app.state.relay_task, app.state.rollover_task):
            task.cancel()
        await asyncio.gather(app.state.relay_task, app.state.rollover_task, return_exceptions=True)
        await app.state.sessions.shutdown()
        await asyncio.gather(
            app.state.http.aclose(), app.state.payments.aclose(), app.state.steam.aclose(),
            return_exceptions=True,
        )
        await app.state.geo.aclose()
        await app.state.guardline.close()
        await app.state.pg.close()
        await app.state.redis.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="ArenaPlay", version=__version__, lifespan=lifespan)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (accounts, matchmaking, matches, leaderboards, store, reports, replays, admin, health):
        app.include_router(module.router)
    for module in (game_ws, queue_ws, spectator_ws):
        app.include_router(module.router)
    return app


app = create_app()
