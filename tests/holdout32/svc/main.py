"""Application entry point: wiring, lifespan, middleware and error mapping."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc import __version__
from svc.assets import load_rank_tiers
from svc.clients.anticheat import AntiCheatClient
from svc.clients.geo import GeoClient
from svc.clients.notifications import PushClient
from svc.clients.payments import PaymentsClient
from svc.clients.platform import PlatformClient
from svc.clients.storage import ReplayStorage
from svc.config import get_settings
from svc.db.engine import SessionFactory, create_raw_pool, dispose_engine
from svc.errors import GameError
from svc.feature_flags import FeatureFlags
from svc.realtime.connections import CoordinationLocks, LobbyConnections
from svc.realtime.presence_hub import PresenceHub, SpectatorFeed
from svc.redis_client import RedisRateLimiter, create_presence_redis, create_redis
from svc.routers import (
    admin,
    health,
    leaderboards,
    matchmaking,
    players,
    reports,
    store,
    ws_lobby,
    ws_party,
    ws_presence,
    ws_spectate,
)
from svc.services.party import PartyService
from svc.services.presence import PresenceService
from svc.services.profiles import ProfileCache
from svc.services.reports import ReportRateLimiter
from svc.services.store import CatalogCache
from svc.workers.jobs import LeaderboardSnapshotJob, PurchaseReconciler, RatingDecayJob, WeeklyBonusJob
from svc.workers.matchmaker import MatchmakerWorker
from svc.workers.presence_sweeper import PresenceSweeper
from svc.workers.report_ingest import ReportIngestWorker
from svc.workers.season_rewards import SeasonRewardsJob
from svc.workers.supervisor import supervise

logger = logging.getLogger("svc")

MAX_INFLIGHT_REQUESTS = 2_000
_inflight_requests = 0


def _spawn(tasks: set[asyncio.Task[Any]], coro: Coroutine[Any, Any, None], name: str) -> None:
    task = asyncio.create_task(coro, name=name)
    tasks.add(task)
    task.add_done_callback(tasks.discard)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    state = app.state
    state.settings = settings
    state.redis = create_redis(settings)
    state.presence_redis = create_presence_redis(settings)
    state.raw_pool = await create_raw_pool(settings)
    state.rank_tiers = await asyncio.to_thread(load_rank_tiers, settings.rank_tiers_path)

    state.payments = PaymentsClient(settings)
    state.platform = PlatformClient(settings)
    state.anticheat = AntiCheatClient(settings)
    await state.anticheat.start()
    state.push = PushClient(settings)
    state.geo = GeoClient(settings)
    state.storage = ReplayStorage(settings.replay_bucket)
    state.flags = FeatureFlags(settings.flags_redis_url)
    state.purchase_limiter = RedisRateLimiter(state.redis, prefix="rl:purchase")

    state.locks = CoordinationLocks()
    state.lobby_connections = LobbyConnections(settings.max_lobby_size * 3)
    state.presence_hub = PresenceHub(state.presence_redis)
    state.spectators = SpectatorFeed(state.redis)
    await state.presence_hub.start()
    await state.spectators.start()
    state.presence = PresenceService(state.presence_redis, state.presence_hub)
    state.parties = PartyService(state.locks, state.push, settings)
    state.catalog_cache = CatalogCache(ttl=60)
    state.profile_cache = ProfileCache(ttl=30)
    state.report_limiter = ReportRateLimiter(settings.report_rate_per_minute)
    state.report_ingest = ReportIngestWorker(SessionFactory, state.anticheat)

    matchmaker = MatchmakerWorker(state.redis, SessionFactory, settings)
    snapshots = LeaderboardSnapshotJob(state.redis, state.raw_pool, settings)
    reconciler = PurchaseReconciler(SessionFactory, state.payments)
    decay = RatingDecayJob(state.raw_pool, settings)
    weekly = WeeklyBonusJob(state.redis, SessionFactory)
    rewards = SeasonRewardsJob(SessionFactory, state.raw_pool, state.push, state.rank_tiers)
    sweeper = PresenceSweeper(state.presence, SessionFactory)

    stop = asyncio.Event()
    tasks: set[asyncio.Task[Any]] = set()
    _spawn(tasks, state.report_ingest.run(), "report-ingest")
    _spawn(tasks, supervise("matchmaker", lambda: matchmaker.run(stop), stop), "matchmaker")
    _spawn(tasks, supervise("leaderboard-snapshot", lambda: snapshots.run(stop), stop), "leaderboard-snapshot")
    _spawn(tasks, reconciler.run(stop), "purchase-reconciler")
    _spawn(tasks, decay.run(stop), "rating-decay")
    _spawn(tasks, weekly.run(stop), "weekly-bonus")
    _spawn(tasks, rewards.run(stop), "season-rewards")
    _spawn(tasks, sweeper.run(), "presence-sweeper")
    logger.info("game backend %s started (%s)", __version__, settings.environment)

    try:
        yield
    finally:
        stop.set()
        sweeper.stop()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await state.lobby_connections.close_all()
        await state.presence_hub.stop()
        await state.spectators.stop()
        await state.payments.aclose()
        await state.platform.aclose()
        await state.push.aclose()
        await state.geo.aclose()
        await state.anticheat.close()
        state.flags.close()
        await state.raw_pool.close()
        await state.presence_redis.aclose()
        await state.redis.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="game-backend", version=__version__, lifespan=lifespan)

    @app.middleware("http")
    async def shed_load(request: Request, call_next):
        global _inflight_requests
        if _inflight_requests >= MAX_INFLIGHT_REQUESTS:
            return JSONResponse({"error": "overloaded"}, status_code=503, headers={"Retry-After": "1"})
        _inflight_requests += 1
        started = time.perf_counter()
        try:
            return await call_next(request)
        finally:
            _inflight_requests -= 1
            elapsed_ms = (time.perf_counter() - started) * 1000
            if elapsed_ms > 1000:
                logger.warning("slow request %s %s took %.0fms", request.method, request.url.path, elapsed_ms)

    @app.exception_handler(GameError)
    async def game_error_handler(request: Request, exc: GameError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status_code)

    for module in (players, matchmaking, store, leaderboards, reports, admin, health):
        app.include_router(module.router)
    for module in (ws_lobby, ws_party, ws_presence, ws_spectate):
        app.include_router(module.router)
    return app


app = create_app()
