from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from . import security
from .clients.fraud import FraudClient
from .clients.fx import FxClient
from .clients.messaging import EmailClient, PromoterWebhooks, SmsClient
from .clients.payments import PaymentsClient
from .clients.payouts_api import PayoutsApi
from .config import get_settings
from .db import SessionLocal, close_pool, close_redis, engine, init_pool, redis
from .observability import configure_logging, request_id_var
from .repositories.catalog import EventRepository
from .routers import admin, checkout, events, holds, live, payouts, tickets
from .services.catalog import EventService, SeatMapService
from .services.delivery import DeliveryService
from .services.fraud import FraudScreening
from .services.holds import HoldService
from .services.pricing import PricingService
from .services.scanning import AuditLog, ScanService
from .workers import delivery_worker, hold_reaper, payout_runner, waitlist_notifier
from .workers.reconcile import PaymentReconciler

log = logging.getLogger(__name__)

WorkerFactory = Callable[[], Awaitable[None]]


class Supervisor:
    """Runs long-lived workers and restarts them with capped exponential backoff when they crash."""

    def __init__(self, max_backoff: float = 60.0) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._max_backoff = max_backoff

    def start(self, name: str, factory: WorkerFactory) -> None:
        self._tasks[name] = asyncio.create_task(self._supervise(name, factory), name=f"worker:{name}")

    async def _supervise(self, name: str, factory: WorkerFactory) -> None:
        backoff = 1.0
        while True:
            started = asyncio.get_running_loop().time()
            try:
                await factory()
                log.info("worker %s finished", name)
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("worker %s crashed; restarting in %.1fs", name, backoff)
            if asyncio.get_running_loop().time() - started > 300:
                backoff = 1.0
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self._max_backoff)

    def healthy(self) -> dict[str, bool]:
        return {name: not task.done() for name, task in self._tasks.items()}

    async def stop(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()


health_router = APIRouter(tags=["health"])


@health_router.get("/health/live")
async def liveness() -> dict[str, str]:
    return {"status": "alive"}


@health_router.get("/health/ready")
async def readiness(request: Request) -> JSONResponse:
    workers = request.app.state.supervisor.healthy()
    return JSONResponse({"status": "ready", "workers": workers})


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    await init_pool(settings.pg_dsn)

    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0))
    webhook_session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10, connect=3))
    payments = PaymentsClient(settings.payments_base_url, settings.payments_api_key)
    payouts_api = PayoutsApi(settings.payouts_base_url, settings.payments_api_key)
    fx = FxClient(settings.fx_base_url)
    fraud_client = FraudClient(settings.fraud_base_url, settings.fraud_api_key)
    await fraud_client.start()

    email = EmailClient(http, settings.email_api_url, settings.email_api_key, settings.smtp_host, settings.smtp_port)
    sms = SmsClient(settings.sms_api_url, settings.sms_api_key)
    audit = AuditLog(redis)
    webhooks = PromoterWebhooks(webhook_session, settings.promoter_webhook_secret)
    fraud = FraudScreening(fraud_client)
    delivery = DeliveryService(SessionLocal, email, sms, settings)

    state = app.state
    state.settings = settings
    state.payments = payments
    state.payouts_api = payouts_api
    state.fx = fx
    state.fraud = fraud
    state.email = email
    state.webhooks = webhooks
    state.holds = HoldService(redis, settings)
    state.event_service = EventService(SessionLocal)
    state.seatmap = SeatMapService(redis, settings.venue_assets_dir)
    state.scan_service = ScanService(redis, audit, settings)

    reconciler = PaymentReconciler(
        SessionLocal,
        redis,
        payments,
        fraud,
        lambda session: PricingService(EventRepository(session), fx, redis),
        webhooks,
    )
    supervisor = Supervisor()
    supervisor.start("hold-reaper", lambda: hold_reaper.run(redis))
    supervisor.start("delivery", lambda: delivery_worker.run(redis, delivery))
    supervisor.start("waitlist", lambda: waitlist_notifier.run(redis, SessionLocal, email, settings))
    supervisor.start("reconcile", reconciler.run_forever)
    state.supervisor = supervisor
    payout_task = asyncio.create_task(payout_runner.run(redis, SessionLocal, payouts_api, settings), name="payouts")

    try:
        yield
    finally:
        reconciler.stop()
        payout_task.cancel()
        await supervisor.stop()
        await audit.close()
        await fraud_client.close()
        await webhook_session.close()
        await asyncio.gather(http.aclose(), payments.aclose(), payouts_api.aclose(), fx.aclose())
        await close_redis()
        await close_pool()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="Boxoffice", version="2.3.0", lifespan=lifespan)

    @app.middleware("http")
    async def request_id(request: Request, call_next):
        rid = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["X-Request-Id"] = rid
        return response

    app.include_router(health_router)
    app.include_router(security.router)
    for module in (events, holds, checkout, tickets, payouts, admin):
        app.include_router(module.router)
    app.include_router(events.waitlist_router)
    app.include_router(tickets.resale_router)
    app.include_router(admin.venues_router)
    app.include_router(live.router)
    return app


app = create_app()
