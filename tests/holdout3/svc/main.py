"""Application factory and lifespan: clients, shared services and background loops."""
from __future__ import annotations

import asyncio
import contextlib
import csv
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc import __version__
from svc.api import listings, ops, orders, payments, realtime, sellers
from svc.clients.discovery import RecommendationsClient, SearchClient
from svc.clients.fx import FxClient
from svc.clients.kyc import KycClient
from svc.clients.payments import PaymentProviderClient
from svc.clients.tax import TaxClient
from svc.config import Settings, get_settings
from svc.db.session import SessionFactory, engine
from svc.errors import DomainError
from svc.middleware import AbuseLimitMiddleware, RequestIdMiddleware
from svc.observability import AuditLog, Metrics, configure_logging
from svc.realtime.buyers import BuyerEventBroker, TrackingHub
from svc.realtime.sellers import SellerFeed
from svc.redis_clients import RedisRateLimiter, create_cache_redis, create_session_redis
from svc.repositories.ledger import LedgerDatabase, LedgerRepository
from svc.services.checkout import CheckoutService, RedisCartStore, ReservationService
from svc.services.ledger import LedgerService
from svc.services.listings import CategoryCatalog
from svc.services.media import MediaService
from svc.services.notifications import NotificationService
from svc.services.payouts import PayoutService
from svc.services.pricing import FeeCalculator, RateCache
from svc.services.search import SearchService
from svc.services.sellers import SellerBadges
from svc.services.webhooks import ProviderWebhookService, SellerHookDispatcher
from svc.workers import reconciliation
from svc.workers.outbox import Mailer, OutboxRelay
from svc.workers.periodic import run_payout_scheduler, supervise
from svc.workers.statements import daily_statements_loop

log = logging.getLogger(__name__)


def _load_fee_schedule(path: str) -> dict[str, int]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return {row["category"]: int(row["bps"]) for row in csv.DictReader(fh)}
    except FileNotFoundError:
        log.warning("fee schedule %s not found; using the default fee only", path)
        return {}


def _payout_batch_runner(app: FastAPI):
    st = app.state

    async def run_batch() -> int:
        async with SessionFactory() as session:
            repo = LedgerRepository(st.ledger_db.pool, acquire_timeout=st.settings.ledger_acquire_timeout)
            service = PayoutService(
                session,
                ledger=LedgerService(repo, session),
                ledger_repo=repo,
                provider=st.payments,
                redis=st.redis,
                audit=st.audit,
                metrics=st.metrics,
                notifications=st.notifications,
            )
            return await service.run_batch()

    return run_batch


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = get_settings()
    configure_logging(settings.log_level)
    st = app.state
    st.settings = settings
    st.sessions = SessionFactory

    st.ledger_db = LedgerDatabase(settings)
    await st.ledger_db.connect()
    ledger_repo = LedgerRepository(st.ledger_db.pool, acquire_timeout=settings.ledger_acquire_timeout)
    st.redis = create_cache_redis(settings)
    st.session_redis = create_session_redis(settings)

    st.payments = PaymentProviderClient.from_settings(settings)
    st.kyc = KycClient(settings.kyc_base_url, settings.kyc_api_key.get_secret_value())
    st.fx = FxClient(settings.fx_base_url)
    await st.fx.start()
    st.tax = TaxClient(settings.tax_base_url, settings.tax_client_id, settings.tax_client_secret.get_secret_value())
    recs_http = httpx.AsyncClient(base_url=settings.recs_base_url)
    search_http = httpx.AsyncClient(base_url=settings.search_base_url, timeout=httpx.Timeout(3.0, connect=1.0))
    mail_http = httpx.AsyncClient(base_url="http://mail-relay.internal:8025", timeout=10.0)
    st.recs = RecommendationsClient(recs_http)
    st.search = SearchService(SessionFactory, SearchClient(search_http))

    st.metrics = Metrics()
    st.audit = AuditLog(SessionFactory)
    st.fees = FeeCalculator(settings.platform_fee_bps, _load_fee_schedule(settings.fee_schedule_path))
    st.rates = RateCache(st.fx)
    st.catalog = CategoryCatalog(SessionFactory)
    st.badges = SellerBadges()
    st.media = MediaService(Path(settings.media_dir), Path(settings.invoice_dir))
    st.carts = RedisCartStore(st.session_redis)
    st.checkout = CheckoutService(st.carts, st.tax, st.fees)
    st.reservations = ReservationService(SessionFactory)
    st.payout_limiter = RedisRateLimiter(
        st.redis, prefix="payout-req", limit=settings.payout_requests_per_hour, window_seconds=3600
    )

    st.seller_feed = SellerFeed(st.redis, max_per_seller=settings.feed_max_connections_per_seller)
    st.seller_feed.start()
    st.tracking = TrackingHub()
    st.buyer_events = BuyerEventBroker()
    st.notifications = NotificationService(st.seller_feed, st.buyer_events, st.tracking, SessionFactory)
    st.webhooks = ProviderWebhookService(SessionFactory, st.redis, ledger_repo, st.notifications)

    stop = asyncio.Event()
    relay = OutboxRelay(SessionFactory, SellerHookDispatcher(), Mailer(mail_http), batch_size=settings.outbox_batch_size)
    background = [
        asyncio.create_task(relay.run(), name="outbox-relay"),
        asyncio.create_task(run_payout_scheduler(st.redis, _payout_batch_runner(app), stop), name="payout-scheduler"),
        asyncio.create_task(supervise("reconciliation", lambda: reconciliation.run(SessionFactory, st.payments, ledger_repo)), name="reconciliation"),
        asyncio.create_task(daily_statements_loop(SessionFactory), name="daily-statements"),
    ]
    log.info("marketplace api %s started", __version__)
    try:
        yield
    finally:
        stop.set()
        relay.stop()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await st.seller_feed.stop()
        for closer in (st.payments.aclose, st.kyc.aclose, st.fx.close, recs_http.aclose, search_http.aclose, mail_http.aclose):
            with contextlib.suppress(Exception):
                await closer()
        st.tax.close()
        await st.redis.aclose()
        await st.session_redis.aclose()
        await st.ledger_db.close()
        await engine.dispose()


async def domain_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return JSONResponse({"error": exc.code, "detail": exc.message}, status_code=exc.status_code)


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Marketplace API", version=__version__, lifespan=lifespan)
    app.add_middleware(AbuseLimitMiddleware, per_minute=settings.abuse_limit_per_minute)
    app.add_middleware(RequestIdMiddleware)
    app.add_exception_handler(DomainError, domain_error_handler)
    for module in (sellers, listings, orders, payments, realtime):
        app.include_router(module.router)
    app.include_router(payments.webhook_router)
    app.include_router(ops.router)
    app.include_router(ops.admin)
    return app


app = create_app()
