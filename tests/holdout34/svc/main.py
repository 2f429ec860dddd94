"""Application entry point: wiring, lifespan, middleware and error handlers."""
from __future__ import annotations

import logging
import uuid
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.caching import RedisJsonCache, ReferenceDataCache, TeamNameCache
from svc.clients.feed_alpha import FeedAlphaClient
from svc.clients.feed_beta import FeedBetaClient
from svc.clients.odds_provider import OddsProviderClient
from svc.clients.push_gateway import PushGatewayClient
from svc.clients.wallet import WalletClient
from svc.clients.webhook_sender import WebhookSender
from svc.config import settings
from svc.container import Container
from svc.db.engine import SessionLocal, engine, stats_pool
from svc.db.repositories.events import EventRepository
from svc.db.repositories.fans import FanRepository
from svc.db.repositories.matches import MatchRepository
from svc.db.repositories.odds import OddsSnapshotRepository
from svc.db.repositories.settlement import SettlementRepository
from svc.db.repositories.stats import StatsRepository
from svc.db.repositories.teams import TeamRepository
from svc.errors import LiveScoreError
from svc.logging_setup import configure_logging, request_id_var
from svc.redis_client import LeaderElection, RedisLock, create_redis
from svc.resilience import CircuitBreaker, Supervisor
from svc.routers import admin, fans, health, matches, stats, webhooks, ws
from svc.security import AdminSessionStore, RefreshTokenStore
from svc.services.fans import FanService
from svc.services.favourites import FavouritesService
from svc.services.hub import LiveHub, OddsHub
from svc.services.ingest import IngestService
from svc.services.notifications import NotificationService
from svc.services.odds import OddsBook
from svc.services.rate_limit import InProcessRateLimiter, RedisRateLimiter
from svc.services.scores import ScoreBoard
from svc.services.settlement import SettlementService
from svc.services.stats import StatsService
from svc.services.webhooks import WebhookService
from svc.utils.feed_parser import AliasTable
from svc.workers.ingest_worker import IngestWorker
from svc.workers.match_state import listen_match_state
from svc.workers.notification_worker import NotificationWorker
from svc.workers.odds_snapshotter import OddsSnapshotter
from svc.workers.scheduler import Scheduler, register_jobs
from svc.workers.settlement_worker import SettlementWorker

logger = logging.getLogger(__name__)

CURRENT_SEASON = 2425


def _breaker(name: str) -> CircuitBreaker:
    return CircuitBreaker(name, settings.breaker_failure_threshold, settings.breaker_reset_timeout)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging()
    redis = create_redis()
    await stats_pool.start()
    supervisor = Supervisor()

    alpha = FeedAlphaClient(_breaker("alpha"))
    beta = FeedBetaClient(_breaker("beta"))
    await beta.start()
    odds_provider = OddsProviderClient(_breaker("odds"))
    await odds_provider.start()
    push = PushGatewayClient()
    wallet = WalletClient(_breaker("wallet"))
    sender = WebhookSender()

    match_repo = MatchRepository(SessionLocal)
    event_repo = EventRepository(SessionLocal)
    team_repo = TeamRepository(SessionLocal)
    fan_repo = FanRepository(SessionLocal)
    stats_repo = StatsRepository(stats_pool)
    settlement_repo = SettlementRepository(SessionLocal)
    snapshot_repo = OddsSnapshotRepository(SessionLocal)

    async def load_reference() -> dict[str, Any]:
        return {"teams": await team_repo.all_names(), "season": CURRENT_SEASON}

    scores = ScoreBoard(match_repo, redis)
    odds = OddsBook(odds_provider, snapshot_repo, scores)
    scores.attach_odds(odds)
    live_hub = LiveHub()
    odds_hub = OddsHub(redis, supervisor)
    odds_hub.start()
    webhook_service = WebhookService(SessionLocal, sender, redis)
    ingest = IngestService(
        alpha, beta, event_repo, scores, live_hub, webhook_service, redis, AliasTable(settings.team_alias_path)
    )
    notifications = NotificationService(fan_repo, push)
    settlement = SettlementService(settlement_repo, match_repo, beta, wallet, settings.audit_dir)

    ingest_worker = IngestWorker(ingest, match_repo, LeaderElection(redis, "ingest"))
    ingest_worker.start()
    notification_worker = NotificationWorker(redis, notifications)
    supervisor.spawn("notification-worker", notification_worker.run)

    odds_snapshotter = OddsSnapshotter(odds, match_repo, snapshot_repo, odds_hub)
    odds_snapshotter.start()

    settlement_worker = SettlementWorker(settlement, match_repo)
    if settings.node_name == settings.settlement_node:
        settlement_worker.start()

    scheduler = Scheduler(RedisLock(redis))
    register_jobs(
        scheduler,
        stats=stats_repo,
        snapshots=snapshot_repo,
        webhooks=webhook_service,
        live_hub=live_hub,
        current_season=CURRENT_SEASON,
    )
    scheduler.add_listener("match-state", partial(listen_match_state, redis, scores, webhook_service))
    scheduler.start()

    app.state.container = Container(
        redis=redis,
        supervisor=supervisor,
        alpha=alpha,
        beta=beta,
        odds_provider=odds_provider,
        push=push,
        wallet=wallet,
        webhook_sender=sender,
        matches=match_repo,
        events=event_repo,
        teams=team_repo,
        fans_repo=fan_repo,
        stats_repo=stats_repo,
        settlement_repo=settlement_repo,
        snapshots=snapshot_repo,
        scores=scores,
        odds=odds,
        live_hub=live_hub,
        odds_hub=odds_hub,
        webhooks=webhook_service,
        ingest=ingest,
        fans=FanService(fan_repo, RefreshTokenStore(redis)),
        favourites=FavouritesService(fan_repo, team_repo, RedisJsonCache(redis, "cache:", 120)),
        notifications=notifications,
        stats=StatsService(stats_repo, RedisJsonCache(redis, "stats:", settings.stats_cache_ttl)),
        settlement=settlement,
        stats_limiter=RedisRateLimiter(redis),
        admin_sessions=AdminSessionStore(),
        reference=ReferenceDataCache(load_reference),
        team_names=TeamNameCache(team_repo.all_names),
        ingest_worker=ingest_worker,
        notification_worker=notification_worker,
        odds_snapshotter=odds_snapshotter,
        settlement_worker=settlement_worker,
        scheduler=scheduler,
    )
    logger.info("livescore node %s started", settings.node_name)
    try:
        yield
    finally:
        notification_worker.stop()
        await scheduler.stop()
        await settlement_worker.stop()
        await odds_snapshotter.stop()
        await ingest_worker.stop()
        await supervisor.stop()
        for closer in (alpha.aclose, beta.close, odds_provider.close, push.aclose, wallet.aclose, sender.aclose):
            try:
                await closer()
            except Exception:
                logger.warning("error while closing client", exc_info=True)
        await stats_pool.close()
        await redis.aclose()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="LiveScore API", version="2.7.0", lifespan=lifespan)
    limiter = InProcessRateLimiter(settings.rate_limit_per_minute)

    @app.middleware("http")
    async def request_context(request: Request, call_next):  # type: ignore[no-untyped-def]
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            client = request.client.host if request.client else "unknown"
            if not request.url.path.startswith("/health") and not limiter.allow(client):
                return JSONResponse({"error": "rate_limited"}, status_code=429, headers={"Retry-After": "60"})
            response = await call_next(request)
            response.headers["x-request-id"] = rid
            return response
        finally:
            request_id_var.reset(token)

    @app.exception_handler(LiveScoreError)
    async def livescore_error_handler(request: Request, exc: LiveScoreError) -> JSONResponse:
        if exc.status_code >= 500:
            logger.error("%s %s failed: %s", request.method, request.url.path, exc.message)
        return JSONResponse(exc.to_dict(), status_code=exc.status_code)

    for module in (health, matches, fans, stats, ws, admin, webhooks):
        app.include_router(module.router)
    return app


app = create_app()
