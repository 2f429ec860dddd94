from __future__ import annotations

import asyncio
import contextlib
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

from fastapi import FastAPI

from .cache import build_pubsub_redis, build_redis
from .cache.flag_cache import FlagCache
from .cache.locks import LockRegistry
from .clients import build_http_client
from .clients.idp import IdentityProviderClient
from .db.engine import build_engine, build_sessionmaker
from .db.pg import create_pg_pool
from .errors import FlagyardError, flagyard_error_handler
from .logging_setup import configure_logging, get_logger
from .middleware import RequestIdMiddleware, SecurityHeadersMiddleware, TimingMiddleware
from .routers import audit, auth, dashboard_ws, events, experiments, flags, health, orgs, sdk, stream_ws, webhooks
from .services.evaluation import EvaluationService
from .services.metering import LocalRateLimiter
from .services.streaming import StreamHub
from .settings import get_settings
from .utils import BackgroundTasks
from .workers.flag_sweeper import FlagSweeper

logger = get_logger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging("DEBUG" if settings.env == "development" else "INFO")
    engine = build_engine(settings)
    state = app.state
    state.settings = settings
    state.engine = engine
    state.sessionmaker = build_sessionmaker(engine)
    state.pg = await create_pg_pool(settings)
    state.redis = build_redis(settings)
    state.pubsub_redis = build_pubsub_redis(settings)
    state.http = build_http_client()
    state.idp = IdentityProviderClient(settings)
    state.locks = LockRegistry()
    state.flag_cache = FlagCache(state.redis, settings.sdk_cache_ttl_seconds)
    state.evaluator = EvaluationService(state.flag_cache)
    state.sdk_limiter = LocalRateLimiter(settings.sdk_rate_limit_per_minute)
    state.hub = StreamHub(settings.stream_max_connections)
    state.audit_tails = {}
    state.background = BackgroundTasks(limit=512)

    state.listener_task = asyncio.create_task(state.hub.listen(state.pubsub_redis, settings.flag_change_channel))
    sweeper = FlagSweeper(state.sessionmaker, state.redis, settings)
    state.sweeper_task = asyncio.create_task(sweeper.run_forever())
    logger.info("startup_complete", env=settings.env)
    try:
        yield
    finally:
        for task in (state.listener_task, state.sweeper_task):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await state.background.drain()
        await state.idp.aclose()
        await state.http.aclose()
        await state.redis.aclose()
        await state.pubsub_redis.aclose()
        await state.pg.close()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="flagyard", lifespan=lifespan)
    app.add_middleware(TimingMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_exception_handler(FlagyardError, flagyard_error_handler)
    for module in (health, orgs, flags, sdk, experiments, events, audit, webhooks, auth):
        app.include_router(module.router)
    app.include_router(stream_ws.router)
    app.include_router(dashboard_ws.router)
    return app


app = create_app()
