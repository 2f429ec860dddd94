from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app

from svc.clients.lms import lms_client
from svc.clients.plagiarism import plagiarism_client
from svc.clients.storage import storage_client
from svc.config import settings
from svc.db.engine import dispose_engine, reports_pool
from svc.metrics import configure_logging
from svc.redis_client import close_redis, get_redis
from svc.repositories.reports_sql import ReportQueries
from svc.routers import accommodations, admin, attempts, auth, exams, grades, proctoring, questions, reports
from svc.services.proctor_assignment import ProctorAssigner
from svc.services.question_bank import QuestionBankService
from svc.utils.breaker import CircuitOpenError
from svc.workers.grading_worker import GradingWorker
from svc.workers.scheduler import Scheduler
from svc.ws import candidate, proctor
from svc.ws.connections import ProctorFanout, registry

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging()
    redis = get_redis()
    await lms_client.start()
    await storage_client.start()
    await reports_pool.start()

    app.state.settings = settings
    app.state.report_queries = ReportQueries(reports_pool.pool)
    app.state.question_bank = QuestionBankService(redis)
    app.state.proctor_assigner = ProctorAssigner(registry)

    worker = GradingWorker(redis)
    app.state.grading_worker = worker
    app.state.grading_task = asyncio.create_task(worker.run(), name="grading-worker")

    scheduler = Scheduler(redis, lms_client, app.state.question_bank)
    scheduler.start(ProctorFanout(redis, registry).run)
    logger.info("exam service started", extra={"env": settings.environment})
    try:
        yield
    finally:
        await scheduler.stop()
        await worker.stop()
        app.state.grading_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.state.grading_task
        await plagiarism_client.aclose()
        await storage_client.close()
        await lms_client.close()
        await reports_pool.stop()
        await close_redis()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="Exams & Proctoring", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://exams.example.edu"],
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )

    @app.exception_handler(CircuitOpenError)
    async def circuit_open(_: Request, exc: CircuitOpenError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "30"})

    for module in (auth, exams, attempts, questions, proctoring, grades, reports, accommodations, admin):
        app.include_router(module.router)
    app.include_router(admin.health_router)
    app.include_router(candidate.router)
    app.include_router(proctor.router)
    app.mount("/metrics", make_asgi_app())
    return app


app = create_app()
