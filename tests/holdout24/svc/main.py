"""ASGI application: lifespan wiring, middleware and routers."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import exports, forms, monitoring, participants, studies
from svc.api.deps import Container
from svc.clients.econsent import EConsentClient
from svc.clients.internal import NotificationClient, SiteDirectoryClient
from svc.clients.randomisation import RandomisationClient
from svc.clients.sponsor import SponsorGateway
from svc.config import get_settings
from svc.db.pool import Database, build_engine, build_sessionmaker
from svc.errors import install_handlers
from svc.redis_client import build_cache_client, build_lock_client
from svc.repositories.audit import AuditRepository
from svc.repositories.forms import FormRepository, QueryRepository
from svc.repositories.participants import ParticipantRepository
from svc.services.consent import ConsentService
from svc.services.enrolment import EnrolmentService
from svc.services.exports import ExportService
from svc.services.forms import FormService
from svc.services.monitoring import DashboardService, MonitoringHub
from svc.services.queries import QueryService
from svc.workers.export_worker import ExportWorker
from svc.workers.query_worker import ReminderWorker
from svc.workers.scheduler import NightlyScheduler, supervise

log = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    db = Database(settings)
    await db.connect()
    engine = build_engine(settings)
    app.state.sessionmaker = build_sessionmaker(engine)
    cache = build_cache_client(settings)
    locks = build_lock_client(settings)

    econsent = EConsentClient(settings)
    await econsent.start()
    randomisation = RandomisationClient(settings)
    sponsor = SponsorGateway(settings)
    directory = SiteDirectoryClient(settings.site_directory_url)

    participants_repo = ParticipantRepository()
    forms_repo = FormRepository()
    queries_repo = QueryRepository()
    audit = AuditRepository(db)
    hub = MonitoringHub(settings, cache)
    exports_service = ExportService(settings, db, participants_repo, forms_repo, audit, sponsor)
    queries_service = QueryService(db, queries_repo, forms_repo, audit, directory, cache)

    app.state.container = Container(
        settings=settings,
        db=db,
        audit=audit,
        enrolment=EnrolmentService(db, participants_repo, audit, randomisation, cache, locks),
        consent=ConsentService(settings, db, econsent, participants_repo, audit),
        forms=FormService(db, forms_repo, audit),
        queries=queries_service,
        exports=exports_service,
        dashboard=DashboardService(db, queries_repo, sponsor, cache),
        hub=hub,
        randomisation=randomisation,
        econsent=econsent,
        sponsor=sponsor,
    )

    export_worker = ExportWorker(settings, db, exports_service)
    reminders = ReminderWorker(settings, queries_service, NotificationClient(settings), locks)
    scheduler = NightlyScheduler(db, exports_service)
    tasks = [
        asyncio.create_task(hub.pump(), name="monitor-pump"),
        asyncio.create_task(supervise("monitor-dispatch", hub.dispatch), name="monitor-dispatch"),
        asyncio.create_task(export_worker.run(), name="export-worker"),
        asyncio.create_task(supervise("query-reminders", reminders.run), name="query-reminders"),
    ]
    scheduler.start()
    log.info("edc service started (%s)", settings.environment)
    try:
        yield
    finally:
        await scheduler.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await econsent.close()
        await randomisation.aclose()
        await sponsor.aclose()
        await directory.aclose()
        await cache.aclose()
        await locks.aclose()
        await engine.dispose()
        await db.close()


app = FastAPI(title="EDC", version="3.4.0", lifespan=lifespan)
install_handlers(app)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=get_settings().request_timeout_seconds)
    except TimeoutError:
        log.warning("request timed out", extra={"path": request.url.path, "request_id": request_id})
        return JSONResponse(status_code=504, content={"error": "timeout", "request_id": request_id})
    response.headers["x-request-id"] = request_id
    log.info(
        "%s %s -> %s in %.1f ms",
        request.method, request.url.path, response.status_code, (time.perf_counter() - started) * 1000,
        extra={"request_id": request_id},
    )
    return response


@app.get("/health", tags=["ops"])
async def health() -> dict[str, str]:
    """Polled by the load balancer and the orchestrator's readiness probe."""
    return {"status": "ok"}


app.include_router(participants.router)
app.include_router(forms.router)
app.include_router(studies.router)
app.include_router(exports.router)
app.include_router(monitoring.router)
