"""ASGI application: wiring, lifespan, middleware and routers."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import envelopes, integrations, signing, templates
from svc.db.session import build_primary_redis, build_realtime_redis
from svc.clients.http import GeoIpClient, RendererClient
from svc.clients.messaging import EmailClient, SmsClient
from svc.db.session import SessionLocal, db, engine
from svc.errors import SignflowError
from svc.realtime.hub import ConnectionHub, DashboardFeed
from svc.repositories.audit import AuditRepository
from svc.repositories.envelopes import EnvelopeRepository
from svc.repositories.signers import SignerRepository
from svc.services.audit import AuditService
from svc.services.documents import DocumentService, DocumentStore
from svc.services.envelopes import EnvelopeService, QuotaService
from svc.services.invitations import InvitationService, NotificationOutbox
from svc.services.signing import SigningService
from svc.services.templates import BrandingService, TemplateCache
from svc.services.webhooks import EventPublisher
from svc.workers.bulk_send import BulkSendWorker
from svc.workers.scheduler import ReminderScheduler
from svc.workers.webhook_dispatcher import WebhookDispatcher

logger = logging.getLogger("signflow")
request_id: ContextVar[str] = ContextVar("request_id", default="-")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await db.connect()
    redis = build_primary_redis()
    realtime = build_realtime_redis()
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=100))
    email, sms, renderer = EmailClient(), SmsClient(), RendererClient()

    envelopes_repo, signers_repo = EnvelopeRepository(db), SignerRepository(db)
    audit = AuditService(AuditRepository(db))
    documents = DocumentService(DocumentStore(), renderer)
    events = EventPublisher(SessionLocal)
    hub, dashboard = ConnectionHub(realtime), DashboardFeed()
    quota = QuotaService(redis)
    template_cache = TemplateCache(redis, SessionLocal)
    invitations = InvitationService(envelopes_repo, signers_repo, email, sms, audit)
    outbox = NotificationOutbox(email)

    state = app.state
    state.redis, state.hub, state.dashboard = redis, hub, dashboard
    state.audit, state.documents, state.template_cache, state.invitations = audit, documents, template_cache, invitations
    state.branding = BrandingService(SessionLocal)
    state.signing = SigningService(db, redis, signers_repo, envelopes_repo, audit, documents, events, GeoIpClient(http), sms, hub, dashboard)
    envelope_service = functools.partial(EnvelopeService, envelopes=envelopes_repo, signers=signers_repo, documents=documents, quota=quota)
    state.bulk_worker = bulk = BulkSendWorker(redis, SessionLocal, envelope_service, invitations, template_cache)

    stop = asyncio.Event()
    hub.start()
    reminders = ReminderScheduler(redis, envelopes_repo, signers_repo, outbox, email, events, audit)
    tasks = [
        asyncio.create_task(outbox.run(), name="reminder-outbox"),
        asyncio.create_task(WebhookDispatcher(SessionLocal).run(stop), name="webhook-dispatcher"),
        asyncio.create_task(bulk.run(stop), name="bulk-send"),
        asyncio.create_task(reminders.run(), name="reminder-scheduler"),
    ]
    try:
        yield
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await hub.stop()
        for client in (http, email, sms, renderer, redis, realtime):
            await client.aclose()
        await db.close()
        await engine.dispose()


app = FastAPI(title="Signflow", version="2.14.0", lifespan=lifespan)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    rid = request.headers.get("x-request-id") or uuid.uuid4().hex
    token = request_id.set(rid)
    started = time.perf_counter()
    try:
        response = await call_next(request)
    finally:
        request_id.reset(token)
    response.headers["x-request-id"] = rid
    logger.info("%s %s -> %s in %.1f ms", request.method, request.url.path, response.status_code, (time.perf_counter() - started) * 1000)
    return response


@app.exception_handler(SignflowError)
async def domain_error(request: Request, exc: SignflowError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "message": exc.message})


@app.get("/health", include_in_schema=False)
async def health() -> dict[str, str]:
    return {"status": "ok", "version": app.version}


for router in (envelopes.router, signing.router, signing.live, templates.router, integrations.router, integrations.inbound, integrations.internal):
    app.include_router(router)
