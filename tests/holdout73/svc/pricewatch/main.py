from __future__ import annotations

import asyncio
import contextlib
import logging
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app

from pricewatch import __version__
from pricewatch.cache.product_cache import ConvertedCardCache, ProductCache
from pricewatch.clients.email_provider import EmailClient
from pricewatch.clients.push_provider import PushClient
from pricewatch.config import get_settings
from pricewatch.db.engine import build_engine, build_redis, build_sessionmaker, create_pool
from pricewatch.repositories.price_history import PriceHistoryRepository
from pricewatch.routers import admin, affiliate, alerts, extension, health, history, products, users
from pricewatch.scheduler.scheduler import CrawlScheduler
from pricewatch.services.affiliate_links import AffiliateApi, AffiliateLinkService
from pricewatch.services.currency import FxClient
from pricewatch.services.alert_engine import AlertEngine
from pricewatch.services.errors import NotFound, PlanLimitReached, RetailerNotSupported
from pricewatch.services.history import HistoryService
from pricewatch.services.notifications import NotificationService
from pricewatch.utils.coordination import RedisRateLimiter, SlidingWindowLimiter
from pricewatch.utils.observability import RequestContextMiddleware, RequestIdFilter
from pricewatch.workers.cleanup import cleanup_loop
from pricewatch.workers.digest import digest_loop
from pricewatch.ws import extension_socket, price_feed
from pricewatch.ws.extension_socket import ExtensionBroker
from pricewatch.ws.hub import PriceHub

log = logging.getLogger("pricewatch")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    state = app.state

    state.engine = build_engine(settings)
    state.sessionmaker = build_sessionmaker(state.engine)
    state.pg_pool = await create_pool(settings)
    state.redis = build_redis(settings)
    state.http = httpx.AsyncClient(timeout=httpx.Timeout(settings.affiliate_timeout, connect=2.0))

    state.fx_client = FxClient(settings.fx_api_base)
    email = EmailClient(settings)
    push = PushClient(settings)
    notifier = state.notifier = NotificationService(email, push)
    state.hub = PriceHub()
    state.extension_broker = ExtensionBroker(state.redis)
    state.extension_broker.start()
    state.alert_engine = AlertEngine(state.sessionmaker, notifier, state.hub)

    state.history_repo = PriceHistoryRepository(state.pg_pool, acquire_timeout=settings.db_pool_timeout)
    state.history_service = HistoryService(state.history_repo, state.redis, settings.history_cache_ttl)
    state.product_cache = ProductCache(state.redis, state.sessionmaker, settings.product_cache_ttl)
    state.converted_cards = ConvertedCardCache(state.redis)
    state.affiliate_links = AffiliateLinkService(AffiliateApi(settings, state.http))
    state.extension_limiter = RedisRateLimiter(state.redis, settings.extension_rate_limit_per_minute, prefix="rl:ext")
    state.redirect_limiter = SlidingWindowLimiter(per_minute=settings.redirect_limit_per_minute)

    scheduler = CrawlScheduler(settings, state.sessionmaker, state.pg_pool, state.redis)
    state.scheduler_task = asyncio.create_task(scheduler.run(), name="crawl-scheduler")
    background = [
        asyncio.create_task(
            digest_loop(state.sessionmaker, notifier, state.history_repo, state.redis, settings.digest_hour_utc),
            name="digest",
        ),
        asyncio.create_task(
            cleanup_loop(state.history_repo, state.redis, settings.history_retention_days), name="cleanup"
        ),
    ]
    log.info("pricewatch %s started (env=%s)", __version__, settings.env)
    try:
        yield
    finally:
        scheduler.stop()
        for task in (*background, state.scheduler_task):
            task.cancel()
        for task in (*background, state.scheduler_task):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await notifier.drain()
        await state.extension_broker.close()
        await email.aclose()
        await push.close()
        await state.fx_client.aclose()
        await state.http.aclose()
        await state.redis.aclose()
        await state.pg_pool.close()
        await state.engine.dispose()


def create_app() -> FastAPI:
    logging.getLogger().addFilter(RequestIdFilter())
    app = FastAPI(title="PriceWatch", version=__version__, lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)

    @app.exception_handler(NotFound)
    async def _not_found(_, exc: NotFound):
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(RetailerNotSupported)
    async def _unsupported(_, exc: RetailerNotSupported):
        return JSONResponse({"detail": str(exc), "host": exc.host}, status_code=422)

    @app.exception_handler(PlanLimitReached)
    async def _limit(_, exc: PlanLimitReached):
        return JSONResponse({"detail": str(exc)}, status_code=402)

    for module in (products, alerts, history, extension, affiliate, users, health, admin):
        app.include_router(module.router)
    app.include_router(price_feed.router)
    app.include_router(extension_socket.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
