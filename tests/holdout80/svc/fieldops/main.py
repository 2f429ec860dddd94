from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI
from starlette.exceptions import HTTPException as StarletteHTTPException

from fieldops import __version__
from fieldops.cache.store import build_redis
from fieldops.clients.maps import MapsClient
from fieldops.clients.messaging import EmailClient, SmsClient
from fieldops.clients.payment_provider import PaymentProviderClient
from fieldops.clients.supplier_catalog import SupplierCatalogClient
from fieldops.db.connections import build_engine, build_sessionmaker, create_pg_pool
from fieldops.errors import DomainError, domain_error_handler, http_error_handler
from fieldops.logging_setup import configure_logging, get_logger
from fieldops.middleware.observability import RequestIdMiddleware, TimingMiddleware
from fieldops.middleware.rate_limit import ApiRateLimitMiddleware
from fieldops.repositories.catalog import CatalogRepository
from fieldops.repositories.locations import LocationRepository
from fieldops.routers import (
    attachments,
    auth,
    board_ws,
    customers,
    dispatch,
    health,
    inventory,
    invoices,
    quotes,
    reports,
    tech_ws,
    work_orders,
)
from fieldops.services.board import BoardService
from fieldops.services.catalog_sync import CatalogSyncService
from fieldops.services.inventory import LocationLocks
from fieldops.services.location import LocationHub
from fieldops.services.pricing import refresh_tax_rates
from fieldops.services.scheduling import RouteState
from fieldops.settings import get_settings

logger = get_logger(__name__)


async def catalog_refresh_loop(sync: CatalogSyncService, every_minutes: int) -> None:
    """Keep supplier costs fresh between the nightly full syncs."""
    while True:
        try:
            count = await sync.incremental_sync()
            logger.info("catalog incremental sync", items=count)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("catalog incremental sync failed")
        await asyncio.sleep(every_minutes * 60)


async def load_tax_rates(pool: asyncpg.Pool) -> None:
    async with pool.acquire(timeout=5) as conn:
        rows = await conn.fetch("SELECT region, rate::text FROM tax_rates")
    refresh_tax_rates([(r["region"], r["rate"]) for r in rows])


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    state = app.state
    state.settings = settings
    state.version = __version__
    state.engine = build_engine(settings)
    state.sessionmaker = build_sessionmaker(state.engine)
    state.pg_pool = await create_pg_pool(settings)
    state.redis = build_redis(settings)
    state.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fieldops-cpu")

    state.payments = PaymentProviderClient(
        settings.payments_base_url, settings.payments_api_key, settings.payments_webhook_secret
    )
    state.supplier = SupplierCatalogClient(settings.supplier_base_url, settings.supplier_api_key)
    state.maps = MapsClient(settings.maps_base_url, settings.maps_api_key)
    state.email = EmailClient(settings.email_base_url, settings.email_api_key)
    state.sms = SmsClient(settings.sms_account_sid, settings.sms_auth_token, settings.sms_sender)

    state.location_hub = LocationHub(LocationRepository(state.pg_pool), state.redis, settings.location_flush_seconds)
    state.board = BoardService(state.sessionmaker, state.redis)
    state.location_locks = LocationLocks()
    state.route_state = RouteState()
    state.background = set()
    await load_tax_rates(state.pg_pool)

    tasks: set[asyncio.Task] = set()
    state.tasks = tasks

    def start(coro, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    catalog = CatalogSyncService(
        state.supplier, CatalogRepository(state.pg_pool), settings.supplier_feed_url, settings.supplier_api_key
    )
    start(state.location_hub.run_flusher(), "location-flusher")
    start(catalog_refresh_loop(catalog, settings.catalog_refresh_minutes), "catalog-refresh")
    logger.info("fieldops api started", version=__version__)
    try:
        yield
    finally:
        for task in list(tasks) + list(state.background):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await state.payments.aclose()
        await state.supplier.close()
        await state.maps.aclose()
        await state.email.aclose()
        await state.redis.aclose()
        await state.pg_pool.close()
        await state.engine.dispose()
        state.executor.shutdown(wait=False)


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging("DEBUG" if settings.environment == "development" else "INFO")
    app = FastAPI(title="FieldOps", version=__version__, lifespan=lifespan)
    app.add_middleware(ApiRateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(TimingMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    for module in (
        health, auth, customers, work_orders, dispatch, inventory, quotes, invoices, reports, attachments, tech_ws, board_ws,
    ):
        app.include_router(module.router)
    app.include_router(customers.site_router)
    app.include_router(work_orders.contract_router)
    app.include_router(dispatch.schedule_router)
    app.include_router(invoices.payment_router)
    return app


app = create_app()
