from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from contextlib import asynccontextmanager
from contextvars import ContextVar

import httpx
from fastapi import APIRouter, FastAPI, Request
from prometheus_client import make_asgi_app

from mailroom.config import configure_logging, get_settings
from mailroom.db import pg
from mailroom.db.engine import SessionLocal, dispose_engine
from mailroom.deps import Container
from mailroom.providers.sendgrid import SendGridProvider
from mailroom.providers.ses import SesProvider
from mailroom.redis_client import close_redis, get_redis
from mailroom.repositories.messages import MessageRepo
from mailroom.routers import (
    campaigns,
    domains,
    lists,
    subscribers,
    templates,
    tenants,
    tracking,
    unsubscribe,
    webhooks,
)
from mailroom.services.campaigns import LinkChecker
from mailroom.services.quota import QuotaService
from mailroom.services.templates import BrandAssets
from mailroom.services.tracking import EventBuffer, GeoClient
from mailroom.workers.scheduler import run_scheduler
from mailroom.workers.sender import SendWorker
from mailroom.workers.stats_rollup import run_bounce_sync, run_rollup
from mailroom.workers.supervisor import supervise
from mailroom.workers.tenant_notifier import run_notifier
from mailroom.workers.webhook_processor import IngestQueue, run_processor
from mailroom.ws import events as ws_events
from mailroom.ws import progress as ws_progress
from mailroom.ws.hub import ProgressPublisher

log = logging.getLogger("mailroom")
request_id: ContextVar[str] = ContextVar("request_id", default="-")

ops = APIRouter(tags=["ops"])


@ops.get("/livez")
async def livez():
    return {"status": "alive"}


@ops.get("/readyz")
async def readyz():
    return {"status": "ready"}


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging("DEBUG" if settings.environment == "dev" else "INFO")

    redis = get_redis()
    pg_pool = await pg.open_pool()
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0))
    sendgrid = SendGridProvider(settings.sendgrid_base_url, settings.sendgrid_api_key)
    providers = {
        "ses": SesProvider(settings.ses_endpoint, settings.ses_region, settings.ses_access_key, settings.ses_secret_key),
        "sendgrid": sendgrid,
    }
    progress = ProgressPublisher(redis)
    c = Container(
        settings=settings,
        redis=redis,
        pg_pool=pg_pool,
        http=http,
        providers=providers,
        quota=QuotaService(redis),
        progress=progress,
        geo=GeoClient(settings.geo_url),
        links=LinkChecker(http, settings.linkcheck_url),
        brand=BrandAssets(httpx.AsyncClient(base_url=settings.asset_base_url, timeout=3.0)),
        messages=MessageRepo(pg_pool),
        event_buffer=EventBuffer(),
        ingest=IngestQueue(),
    )
    app.state.container = c

    sender = SendWorker(settings, SessionLocal, c.messages, providers, c.quota, progress)
    background = [
        asyncio.create_task(run_scheduler(SessionLocal, c.messages, sender, settings.scheduler_interval_s), name="scheduler"),
        asyncio.create_task(supervise("event-buffer", c.event_buffer.run), name="event-buffer"),
        asyncio.create_task(supervise("ingest", c.ingest.drain), name="ingest"),
        asyncio.create_task(supervise("webhooks", lambda: run_processor(SessionLocal, c.messages, redis)), name="webhooks"),
        asyncio.create_task(supervise("notifier", lambda: run_notifier(redis, SessionLocal, settings)), name="notifier"),
        asyncio.create_task(supervise("rollup", lambda: run_rollup(redis)), name="rollup"),
        asyncio.create_task(supervise("bounce-sync", lambda: run_bounce_sync(sendgrid, redis)), name="bounce-sync"),
    ]
    log.info("mailroom started (%s)", settings.environment)
    try:
        yield
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await sender.stop()
        with contextlib.suppress(Exception):
            await c.event_buffer.close()
        for p in providers.values():
            await p.aclose()
        await c.geo.aclose()
        await http.aclose()
        await pg.close_pool()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="mailroom", lifespan=lifespan)

    @app.middleware("http")
    async def request_context(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id.reset(token)
        response.headers["x-request-id"] = rid
        log.debug("%s %s %d %.1fms", request.method, request.url.path, response.status_code, (time.perf_counter() - started) * 1000)
        return response

    app.include_router(ops)
    for r in (tenants, domains, lists, subscribers, templates, campaigns, webhooks, tracking, unsubscribe):
        app.include_router(r.router)
    app.include_router(lists.segments_router)
    app.include_router(ws_progress.router)
    app.include_router(ws_events.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
