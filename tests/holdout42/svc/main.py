from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import logging
import threading
import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.gateway_client import GatewayClient
from svc.clients.geocoder import Geocoder
from svc.clients.messaging import Mailer, SmsClient
from svc.clients.payment_provider import PaymentProviderClient
from svc.clients.storage import ExportStorage
from svc.config import settings
from svc.db.engine import dispose_engine
from svc.db.pg import close_pool, open_pool, pool
from svc.errors import DomainError
from svc.redis_client import Publisher, close_redis, get_redis
from svc.repos.accounts import AccountsRepo
from svc.repos.outages import OutagesRepo
from svc.repos.readings import ReadingsRepo
from svc.routers import accounts, admin, health, outages, payments, readings
from svc.services.exports import ExportService
from svc.services.notifications import Notifier
from svc.services.outages import OutageService
from svc.services.tariff_engine import listen_for_invalidations
from svc.utils.metrics import FileSink, usage_stats
from svc.workers.estimated_reads import nightly_estimates
from svc.workers.export_worker import ExportWorker
from svc.workers.jobs import daily_dunning, monthly_bill_run, send_new_bills
from svc.workers.outage_poller import OutagePoller
from svc.workers.scheduler import Supervisor, daily_at, every
from svc.ws import dashboard, outage_feed
from svc.ws.hub import DashboardHub

logger = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await open_pool()
    redis = get_redis()
    state = app.state
    state.redis = redis
    state.publisher = Publisher(redis)
    state.payment_client = PaymentProviderClient()
    state.gateway_client = GatewayClient()
    await state.gateway_client.start()
    state.geocoder = Geocoder()
    state.sms = SmsClient()
    state.mailer = Mailer()
    state.storage = ExportStorage()
    state.hub = DashboardHub(redis)
    await state.hub.start()

    notifier = Notifier(state.mailer, state.sms)

    def outage_service_factory(session: AsyncSession) -> OutageService:
        return OutageService(OutagesRepo(pool()), AccountsRepo(session), state.geocoder, state.sms, state.publisher)

    supervisor = Supervisor()
    supervisor.spawn("tariff-invalidations", lambda: listen_for_invalidations(redis))
    supervisor.spawn("bill-run", daily_at(2, 0, lambda: monthly_bill_run(redis), name="bill-run"))
    supervisor.spawn("estimated-reads", daily_at(3, 30, nightly_estimates, name="estimated-reads"))
    supervisor.spawn("dunning", daily_at(9, 0, lambda: daily_dunning(notifier), name="dunning"))
    supervisor.spawn("bill-mailer", every(600, lambda: send_new_bills(state.mailer), name="bill-mailer"))
    supervisor.spawn("outage-poller", OutagePoller(redis, outage_service_factory).run)
    supervisor.spawn("usage-flush", every(30, lambda: usage_stats.flush(redis), name="usage-flush"))

    export_worker = ExportWorker(ExportService(ReadingsRepo(pool()), state.storage))
    state.export_task = asyncio.create_task(export_worker.run())

    sink = FileSink(usage_stats, "/var/log/meterbill/usage.log")
    threading.Thread(target=sink.run, name="usage-file-sink", daemon=True).start()

    logger.info("meterbill started (env=%s)", settings.env)
    try:
        yield
    finally:
        sink.stop()
        state.export_task.cancel()
        await supervisor.stop()
        await state.hub.stop()
        await state.publisher.drain()
        await state.gateway_client.close()
        await state.payment_client.aclose()
        await state.mailer.aclose()
        await state.storage.aclose()
        await close_redis()
        await close_pool()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="meterbill", version="3.4.0", lifespan=lifespan)

    @app.middleware("http")
    async def usage_and_errors(request: Request, call_next):
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            logger.exception("unhandled error on %s %s", request.method, request.url.path)
            return JSONResponse({"detail": "internal error"}, status_code=500)
        route = request.scope.get("route")
        usage_stats.record(getattr(route, "path", "unmatched"))
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    @app.exception_handler(DomainError)
    async def domain_error(_: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse({"detail": str(exc) or exc.__class__.__name__}, status_code=exc.status_code)

    for module in (health, readings, payments, outages, accounts, admin):
        app.include_router(module.router)
    for ws_module in (dashboard, outage_feed):
        app.include_router(ws_module.router)
    return app


app = create_app()
