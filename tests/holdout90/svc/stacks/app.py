from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from stacks import __version__
from stacks.cache.redis_client import build_redis
from stacks.clients.courier import CourierClient
from stacks.clients.distributor import DistributorClient
from stacks.clients.email import EmailClient
from stacks.clients.payments import PaymentsClient
from stacks.clients.sms import SmsClient
from stacks.clients.union_catalogue import UnionCatalogueClient
from stacks.db.engine import build_engine, build_sessionmaker
from stacks.db.models import Branch
from stacks.db.pool import create_pg_pool
from stacks.errors import StacksError
from stacks.logging_setup import configure_logging
from stacks.middleware.rate_limit import KioskRateLimitMiddleware
from stacks.middleware.request_id import RequestIdMiddleware
from stacks.realtime.desk_hub import DeskHub
from stacks.realtime.hub import HoldReadyHub
from stacks.repositories.catalogue import CatalogueRepository
from stacks.routers import admin, catalogue, elending, fines, health, holds, kiosk, loans, patrons, transfers, ws_desk, ws_holds
from stacks.services.catalogue_sync import CatalogueSyncService
from stacks.services.transfers import refresh_van_schedule
from stacks.settings import get_settings
from stacks.tasks import TaskSet, periodic, supervise
from stacks.utils.breaker import CircuitBreaker

log = logging.getLogger(__name__)


async def nightly_catalogue_loop(app: FastAPI) -> None:
    state = app.state
    while True:
        async with state.sessionmaker() as session:
            sync = CatalogueSyncService(state.union_catalogue, CatalogueRepository(session, state.pg_pool))
            count = await sync.run_delta(date.today() - timedelta(days=1))
            log.info("nightly catalogue sync applied %d records", count)
        await asyncio.sleep(24 * 3600)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    state = app.state
    state.settings = settings
    state.engine = build_engine(settings)
    state.sessionmaker = build_sessionmaker(state.engine)
    state.pg_pool = await create_pg_pool(settings)
    state.redis = build_redis(settings)
    state.http = httpx.AsyncClient(limits=httpx.Limits(max_connections=50, max_keepalive_connections=10))
    state.distributor = DistributorClient(settings)
    state.distributor_breaker = CircuitBreaker("distributor", failure_threshold=5, reset_after_s=30)
    state.payments = PaymentsClient(settings)
    await state.payments.start()
    state.email = EmailClient(settings, state.http)
    state.sms = SmsClient(settings)
    state.courier = CourierClient(settings.courier_base_url, settings.courier_api_key)
    state.union_catalogue = UnionCatalogueClient(settings.union_catalogue_url)
    state.hold_hub = HoldReadyHub(state.redis)
    state.desk_hub = DeskHub()

    async with state.sessionmaker() as session:
        state.branch_codes = {b.id: b.code for b in await session.scalars(select(Branch))}

    tasks = TaskSet()
    state.hold_listener = asyncio.create_task(state.hold_hub.listen())
    tasks.spawn(nightly_catalogue_loop(app), name="nightly-catalogue")
    tasks.spawn(
        supervise("van-schedule", lambda: periodic("van-schedule", 900, lambda: refresh_van_schedule(state.courier, state.http))),
        name="van-schedule",
    )
    try:
        yield
    finally:
        state.hold_listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await state.hold_listener
        await tasks.cancel_all()
        await state.union_catalogue.aclose()
        await state.distributor.aclose()
        await state.payments.close()
        await state.http.aclose()
        await state.redis.aclose()
        await state.pg_pool.close()
        await state.engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="stacks", version=__version__, lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(KioskRateLimitMiddleware, per_minute=240)

    @app.exception_handler(StacksError)
    async def stacks_error(request: Request, exc: StacksError) -> JSONResponse:
        if exc.status_code >= 500:
            log.warning("upstream failure on %s: %s", request.url.path, exc.message)
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)

    for module in (patrons, catalogue, holds, loans, elending, fines, transfers, kiosk, admin, health):
        app.include_router(module.router)
    app.include_router(ws_holds.router)
    app.include_router(ws_desk.router)
    return app


app = create_app()
