"""FastAPI application: wiring, lifespan, middleware and error mapping."""
from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from functools import partial

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel
from starlette.middleware.base import RequestResponseEndpoint

from svc.api import admin, inbound, tickets, ws
from svc.clients.llm import LlmClient
from svc.clients.outbound import MailRelay, WebhookDispatcher
from svc.clients.search import SearchClient
from svc.clients.storage import ObjectStorage
from svc.config import Settings, get_settings
from svc.db.pool import Database
from svc.db.session import SessionFactory, engine
from svc.db.tickets_repo import TicketRepository
from svc.errors import HelpdeskError
from svc.realtime.hub import PresenceHub, TicketWatchers
from svc.services.attachments import AttachmentService
from svc.services.email_ingest import EmailIngestService
from svc.services.presence import PresenceService
from svc.services.reporting import TagCatalog
from svc.services.sla import SlaClock
from svc.services.suggestions import SuggestionService
from svc.services.tickets import AuditLog, TicketService
from svc.workers.digest import DigestWorker
from svc.workers.escalation import EscalationWorker
from svc.workers.runtime import TaskRegistry, periodic, supervise

logger = logging.getLogger("svc")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


def build_primary(settings: Settings) -> Redis:
    """Shared Redis client for the Sentinel-managed primary."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=settings.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
    )
    return sentinel.master_for(
        settings.redis_service_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        decode_responses=True,
        health_check_interval=30,
    )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = Database(settings.database_dsn, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size,
                  connect_timeout=settings.db_connect_timeout, acquire_timeout=settings.db_acquire_timeout,
                  command_timeout=settings.db_command_timeout)
    await db.connect()
    redis = build_primary(settings)
    search = SearchClient(settings.search_url, settings.search_index)
    storage = ObjectStorage(settings)
    await storage.start()
    llm = LlmClient(settings.llm_base_url, settings.llm_api_key, settings.llm_model)
    await llm.start()
    mail = MailRelay(settings.mail_relay_url)

    tasks = TaskRegistry()
    hub = PresenceHub(redis, settings.ws_max_connections)
    await hub.start()
    watchers = TicketWatchers()
    await watchers.start()
    presence = PresenceService(settings)
    sla = SlaClock(db)
    repo = TicketRepository(db)
    ticket_service = TicketService(db, repo, search, hub, watchers, AuditLog(db), tasks, WebhookDispatcher(db), sla, presence)
    attachments = AttachmentService(db, storage, settings.max_attachment_bytes)

    app.state.db = db
    app.state.redis = redis
    app.state.hub = hub
    app.state.watchers = watchers
    app.state.presence = presence
    app.state.sla = sla
    app.state.tickets = ticket_service
    app.state.attachments = attachments
    app.state.ingest = EmailIngestService(settings, redis, SessionFactory, ticket_service, attachments)
    app.state.suggestions = SuggestionService(llm)
    app.state.tag_catalog = TagCatalog(SessionFactory)

    node_id = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    escalation = EscalationWorker(repo, SessionFactory, hub, mail, settings.escalation_interval_seconds)
    escalation_task = asyncio.create_task(escalation.run(), name="sla-escalation")
    digest = DigestWorker(redis, SessionFactory, mail, node_id)
    digest_job = partial(periodic, settings.digest_interval_seconds, digest.run_once)
    digest_task = asyncio.create_task(supervise("digest", digest_job), name="digest")
    logger.info("helpdesk started node=%s", node_id)
    try:
        yield
    finally:
        for task in (escalation_task, digest_task):
            task.cancel()
        await asyncio.gather(escalation_task, digest_task, return_exceptions=True)
        await tasks.drain(timeout=10.0)
        await watchers.stop()
        await hub.stop()
        await llm.close()
        await search.aclose()
        await mail.aclose()
        await storage.close()
        await presence.close()
        await redis.aclose()
        await db.close()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Helpdesk", lifespan=lifespan)

    @app.middleware("http")
    async def request_context(request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(call_next(request), timeout=settings.request_timeout_seconds)
        except asyncio.TimeoutError:
            logger.warning("request timed out path=%s request_id=%s", request.url.path, request_id)
            response = JSONResponse({"error": "timeout"}, status_code=504)
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = request_id
        response.headers["server-timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    @app.exception_handler(HelpdeskError)
    async def helpdesk_error(request: Request, exc: HelpdeskError) -> JSONResponse:
        body: dict[str, object] = {"error": exc.code, "message": exc.message}
        if exc.details:
            body["details"] = exc.details
        return JSONResponse(body, status_code=exc.status_code)

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        """Readiness probe polled by the load balancer before routing traffic here."""
        return {"status": "ok"}

    app.include_router(tickets.router)
    app.include_router(tickets.public_router)
    app.include_router(inbound.router)
    app.include_router(admin.router)
    app.include_router(ws.router)
    return app


app = create_app()
