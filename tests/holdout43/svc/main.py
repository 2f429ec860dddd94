"""Application factory and process lifespan."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from svc.api import applications, candidates, interviews, jobs, offers, ops, websockets
from svc.config import get_settings
from svc.db.engine import dispose_engine, init_engine
from svc.db.pg import close_pool, open_pool
from svc.db.redis import close_redis, init_redis
from svc.observability import configure_logging, request_id_var
from svc.services.broadcaster import BoardConnections, PipelinePublisher
from svc.services.calendar_client import CalendarClient
from svc.services.notifications import EmailClient, Notifier, SmsClient
from svc.services.parser_client import EnrichmentClient, ResumeParserClient
from svc.services.resumes import ResumeStorage
from svc.services.syndication import BoardPublisher
from svc.workers import candidate_jobs, outbox_relay, rollup
from svc.workers.reminders import ReminderWorker
from svc.workers.supervisor import Supervisor
from svc.workers.syndication_worker import SyndicationWorker

log = logging.getLogger("svc")


@dataclass
class Services:
    storage: ResumeStorage
    parser: ResumeParserClient
    enrichment: EnrichmentClient
    calendar: CalendarClient
    email: EmailClient
    sms: SmsClient
    notifier: Notifier
    boards: BoardConnections
    publisher: PipelinePublisher
    boards_publisher: BoardPublisher


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging(settings.env)
    init_engine()
    await open_pool()
    redis = init_redis()

    email = EmailClient()
    sms = SmsClient()
    boards = BoardConnections()
    services = Services(
        storage=ResumeStorage(),
        parser=ResumeParserClient(),
        enrichment=EnrichmentClient(),
        calendar=CalendarClient(),
        email=email,
        sms=sms,
        notifier=Notifier(email, sms),
        boards=boards,
        publisher=PipelinePublisher(redis, boards),
        boards_publisher=BoardPublisher(),
    )
    app.state.services = services
    services.publisher.start()

    supervisor = Supervisor()
    supervisor.add("syndication", SyndicationWorker(services.boards_publisher).run)
    supervisor.add("outbox", lambda: outbox_relay.run(redis))
    supervisor.add("rollup", lambda: rollup.run(email))
    supervisor.add("dedupe", lambda: candidate_jobs.run_dedupe(redis))
    supervisor.add("reindex", lambda: candidate_jobs.run_reindex(services.storage))
    supervisor.start()
    app.state.supervisor = supervisor

    reminders = ReminderWorker(services.notifier, services.calendar)
    app.state.reminder_task = asyncio.create_task(reminders.run_forever(), name="reminders")

    try:
        yield
    finally:
        app.state.reminder_task.cancel()
        await supervisor.stop()
        await services.publisher.stop()
        await services.parser.aclose()
        await services.enrichment.aclose()
        await services.calendar.aclose()
        await services.sms.aclose()
        await services.boards_publisher.aclose()
        await close_redis()
        await close_pool()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Recruit ATS", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://app.recruit.example"],
        allow_methods=["*"],
        allow_headers=["*"],
        allow_credentials=True,
    )

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
        log.info("%s %s -> %s in %.1fms", request.method, request.url.path, response.status_code,
                 (time.perf_counter() - started) * 1000)
        return response

    for module in (jobs, applications, candidates, interviews, offers, ops, websockets):
        app.include_router(module.router)
    app.include_router(jobs.public_router)
    app.include_router(jobs.analytics_router)
    app.include_router(candidates.portal_router)
    app.include_router(interviews.webhook_router)
    app.include_router(ops.admin_router)
    return app


app = create_app()
