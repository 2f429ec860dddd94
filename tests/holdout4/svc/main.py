from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import admin, auth, channels, files, health, integrations, messages, search
from svc.cache.redis_client import close_all, jobs_redis, presence_redis
from svc.container import Container
from svc.db.engine import SessionLocal, dispose_engine
from svc.db.pg import close_pool, open_pool
from svc.errors import AppError, RateLimitExceeded
from svc.logging_setup import configure_logging, request_id_var
from svc.realtime import ws
from svc.realtime.hub import ConnectionHub
from svc.repositories.audit import AuditRepository
from svc.repositories.message_store import MessageStore
from svc.services.email import EmailClient
from svc.services.flags import FlagClient
from svc.services.metrics import metrics
from svc.services.push import PushClient
from svc.services.roster import ChannelRoster
from svc.services.storage import storage
from svc.services.unfurl import Unfurler
from svc.services.uploads import UploadService
from svc.services.webhooks import WebhookDispatcher
from svc.workers import retention
from svc.workers.scheduler import build_scheduler

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging()
    pool = await open_pool()
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=200))
    email = EmailClient()
    await email.start()
    hub = ConnectionHub(presence_redis)
    container = Container(
        pool=pool,
        http=http,
        hub=hub,
        store=MessageStore(pool),
        audit=AuditRepository(pool),
        email=email,
        flags=FlagClient(),
        push=PushClient(),
        storage=storage,
        uploads=UploadService(storage),
        unfurler=Unfurler(),
        webhooks=WebhookDispatcher(http),
    )
    app.state.container = container
    app.state.roster = ChannelRoster(SessionLocal)
    app.state.notification_queues = {}
    await hub.start()
    scheduler = build_scheduler(email)
    scheduler.start()
    background: set[asyncio.Task[None]] = set()
    sweeper = asyncio.create_task(retention.run_as_leader(jobs_redis, pool, storage), name="retention")
    background.add(sweeper)
    sweeper.add_done_callback(background.discard)
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await hub.stop()
        await container.unfurler.aclose()
        await container.flags.aclose()
        await container.push.aclose()
        await email.close()
        await http.aclose()
        await close_pool()
        await dispose_engine()
        await close_all()


app = FastAPI(title="chat-api", lifespan=lifespan)
for module in (auth, channels, messages, files, search, admin, integrations, health):
    app.include_router(module.router)
app.include_router(ws.router)


@app.middleware("http")
async def request_context(request: Request, call_next):
    token = request_id_var.set(request.headers.get("x-request-id") or uuid.uuid4().hex[:16])
    started = time.perf_counter()
    status_code = 500
    try:
        response = await asyncio.wait_for(call_next(request), timeout=30.0)
        status_code = response.status_code
        return response
    except asyncio.TimeoutError:
        log.warning("request timed out: %s %s", request.method, request.url.path)
        status_code = 504
        return JSONResponse({"error": "timeout"}, status_code=504)
    finally:
        route = request.scope.get("route")
        metrics.observe(getattr(route, "path", "unmatched"), status_code, (time.perf_counter() - started) * 1000)
        request_id_var.reset(token)


@app.exception_handler(AppError)
async def app_error_handler(request: Request, exc: AppError) -> JSONResponse:
    headers = {"retry-after": str(exc.retry_after)} if isinstance(exc, RateLimitExceeded) else None
    return JSONResponse({"error": exc.code, "message": exc.message, **exc.details}, status_code=exc.status_code,
                        headers=headers)
