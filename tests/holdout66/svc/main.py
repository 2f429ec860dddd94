"""Application factory for the public and creator-facing HTTP API."""
from __future__ import annotations

import asyncio
import logging
import uuid
from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from svc.clients.ad_server import AdServerClient
from svc.clients.encoder import EncoderClient
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.db import pg
from svc.db.engine import engine
from svc.errors import PodhostError, podhost_error_handler
from svc.logging_setup import configure_logging, request_id_var
from svc.redis_client import close_redis, init_redis
from svc.routers import analytics, episodes, feeds, health, live_ws, payouts, shows, uploads
from svc.services.analytics import AnalyticsIngestor
from svc.services.listeners import BoundedListenerHub, ListenerHub, run_live_ticker
from svc.utils.geo import GeoLookup, open_reader

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    configure_logging()
    await pg.init_pool()
    redis = init_redis()
    reader = await asyncio.to_thread(open_reader, settings.geoip_db_path)
    stop = asyncio.Event()

    app.state.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120, connect=5, sock_read=20))
    app.state.encoder = EncoderClient()
    app.state.ad_server = AdServerClient()
    app.state.payments = PaymentsClient()
    app.state.ingestor = AnalyticsIngestor(GeoLookup(reader))
    app.state.public_hub = ListenerHub(redis)
    app.state.studio_hub = BoundedListenerHub(redis)
    app.state.worker_tasks = {
        "ingest": asyncio.create_task(app.state.ingestor.run(), name="ingest"),
        "live-ticker": asyncio.create_task(
            run_live_ticker(app.state.public_hub, app.state.studio_hub, redis, stop), name="live-ticker"
        ),
    }
    log.info("%s started in %s", settings.service_name, settings.environment)
    try:
        yield
    finally:
        stop.set()
        app.state.ingestor.stop()
        for task in app.state.worker_tasks.values():
            task.cancel()
        await asyncio.gather(*app.state.worker_tasks.values(), return_exceptions=True)
        await app.state.http.close()
        await app.state.encoder.aclose()
        await app.state.ad_server.close()
        await app.state.payments.aclose()
        await asyncio.to_thread(reader.close)
        await close_redis()
        await pg.close_pool()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="podhost", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        allow_credentials=True,
    )
    app.add_exception_handler(PodhostError, podhost_error_handler)

    @app.middleware("http")
    async def request_id(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["X-Request-ID"] = rid
        return response

    for module in (shows, episodes, uploads, feeds, analytics, payouts, health, live_ws):
        app.include_router(module.router)
    return app


app = create_app()
