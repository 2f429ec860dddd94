from __future__ import annotations

import asyncio
import logging
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from prometheus_client import make_asgi_app

from .api import billing, crews, customers, health, outages, payments, readings, reports
from .clients.geo import Geocoder, WeatherClient
from .clients.headend import HeadEndClient
from .clients.payment_gateway import PaymentGateway
from .clients.sms_gateway import SmsGateway
from .config import get_settings
from .db import close_redis, engine, get_redis, readings_pool
from .errors import install_handlers
from .observability import configure_logging, request_id_var
from .services.ingest_service import IngestService
from .workers.batch_poller import BatchPoller
from .workers.billing_jobs import BillingScheduler, DunningWorker, run_notifications
from .workers.outage_detector import OutageDetector
from .workers.runner import WorkerSet
from .workers.scada_feed import ScadaFeed
from .ws import crew_channel, outage_map
from .ws.hub import OutageHub

log = logging.getLogger("meterhub")


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging()
    await readings_pool.open()
    redis = get_redis()
    sms = SmsGateway(settings)
    await sms.start()
    geocoder = Geocoder()
    headend = HeadEndClient()

    app.state.redis = redis
    app.state.sms = sms
    app.state.geocoder = geocoder
    app.state.headend = headend
    app.state.paygate = PaymentGateway(settings)
    app.state.weather = WeatherClient()
    app.state.ingest = IngestService()
    app.state.outage_hub = OutageHub(redis, max_per_customer=settings.max_ws_per_customer)

    workers = WorkerSet()
    workers.start("outage-hub", app.state.outage_hub.run)
    if settings.run_workers:
        poller = BatchPoller()
        workers.start("batch-poller", poller.run)
        workers.start("billing", BillingScheduler().run)
        workers.start("dunning", DunningWorker(sms, headend).run)
        workers.start("notifications", lambda: run_notifications(sms))
        workers.start("outage-detector", OutageDetector(geocoder).run)
        app.state.scada_task = asyncio.create_task(ScadaFeed(geocoder).consume())
    app.state.workers = workers
    log.info("meterhub started (role=%s, env=%s)", settings.service_role, settings.environment)
    try:
        yield
    finally:
        await workers.shutdown()
        scada = getattr(app.state, "scada_task", None)
        if scada is not None:
            scada.cancel()
        await app.state.paygate.aclose()
        await app.state.weather.aclose()
        await headend.aclose()
        await sms.close()
        await readings_pool.close()
        await close_redis()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="meterhub", version="3.14.0", lifespan=lifespan)
    install_handlers(app)

    @app.middleware("http")
    async def request_context(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        response.headers["server-timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    app.include_router(readings.ingest_router)
    for module in (health, readings, customers, billing, payments, outages, crews, reports):
        app.include_router(module.router)
    for module in (outage_map, crew_channel):
        app.include_router(module.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
