"""ASGI entry point: ``uvicorn svc.main:app``."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import leaderboard, ops, play, reports, store
from svc.cache import LoadoutCache, build_leaderboard_redis, build_main_redis, build_presence_redis
from svc.clients.catalog import CatalogClient
from svc.clients.notify import PushClient
from svc.clients.payments import PaymentClient
from svc.config import get_settings
from svc.db.engine import create_engine, create_pg_pool, create_session_factory
from svc.db.match_repo import MatchRepository
from svc.db.players_repo import PlayersRepository
from svc.db.wallet_repo import WalletRepository
from svc.errors import GameError
from svc.realtime import QueueStatusHub
from svc.services.inventory import DefinitionCache
from svc.services.leaderboard import LeaderboardService
from svc.services.lobby import LobbyService
from svc.services.matchmaking import MatchmakingService
from svc.services.purchases import PurchaseService
from svc.services.seasons import SeasonRewardsService

logger = logging.getLogger("svc")

REQUEST_TIMEOUT_SECONDS = 15.0


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    from svc.workers.season_scheduler import SeasonScheduler

    settings = get_settings()
    pool = await create_pg_pool(settings)
    engine = create_engine(settings)
    redis = build_main_redis(settings)
    leaderboard_redis = build_leaderboard_redis(settings)
    presence_redis = build_presence_redis(settings)
    http = httpx.AsyncClient(headers={"User-Agent": "game-backend/1.0"})
    payments = PaymentClient(settings)
    push = PushClient(settings.push_base_url)

    state = app.state
    state.pg_pool = pool
    state.session_factory = create_session_factory(engine)
    state.redis = redis
    state.leaderboard_redis = leaderboard_redis
    state.presence_redis = presence_redis
    state.payments = payments
    state.players_repo = PlayersRepository(pool, settings.db_acquire_timeout)
    state.wallets = WalletRepository(pool, settings.db_acquire_timeout)
    state.match_repo = MatchRepository(pool, settings.db_acquire_timeout)
    state.catalog = CatalogClient(http, redis, settings.catalog_base_url)
    state.queue_hub = QueueStatusHub()
    state.matchmaking = MatchmakingService(redis, state.players_repo, push, state.queue_hub)
    state.lobbies = LobbyService(redis, settings.lobby_max_members)
    state.leaderboard = LeaderboardService(leaderboard_redis, state.players_repo)
    state.purchases = PurchaseService(settings, state.wallets, payments, state.catalog)
    state.season_rewards = SeasonRewardsService(
        pool, redis, state.leaderboard, push, settings.db_acquire_timeout
    )
    state.definition_cache = DefinitionCache()
    state.loadout_cache = LoadoutCache(redis)

    stop = asyncio.Event()
    scheduler = SeasonScheduler(state.season_rewards)
    background = [
        asyncio.create_task(state.matchmaking.run_matchmaker(stop), name="matchmaker"),
        asyncio.create_task(state.lobbies.relay(stop), name="lobby-relay"),
        asyncio.create_task(scheduler.run(), name="season-scheduler"),
    ]
    logger.info("game backend started in %s", settings.environment)
    try:
        yield
    finally:
        stop.set()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await http.aclose()
        await payments.aclose()
        await redis.aclose()
        await leaderboard_redis.aclose()
        await presence_redis.aclose()
        await pool.close()
        await engine.dispose()


app = FastAPI(title="game-backend", lifespan=lifespan)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=REQUEST_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        logger.warning("request %s %s timed out", request.method, request.url.path)
        return JSONResponse({"error": "timeout"}, status_code=504, headers={"X-Request-Id": request_id})
    response.headers["X-Request-Id"] = request_id
    logger.info(
        "%s %s -> %s in %.1f ms",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
    )
    return response


@app.exception_handler(GameError)
async def game_error_handler(request: Request, exc: GameError) -> JSONResponse:
    return JSONResponse(exc.to_dict(), status_code=exc.status_code)


app.include_router(ops.router)
app.include_router(ops.admin)
app.include_router(play.router)
app.include_router(store.router)
app.include_router(leaderboard.router)
app.include_router(reports.router)
