from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.config import get_settings
from svc.container import build_services
from svc.infra.metrics import HTTP_LATENCY
from svc.routers import assignments, claims, documents, health, payouts, policies, reports, ws
from svc.services.errors import DomainError
from svc.workers.fraud_rescore import FraudRescoreWorker
from svc.workers.ocr_handoff import OcrHandoffWorker
from svc.workers.payout_reconciler import PayoutReconciler
from svc.workers.reserve_report import ReserveReportWorker
from svc.workers.runner import WorkerRunner
from svc.workers.sla_escalation import SlaEscalationWorker

log = logging.getLogger(__name__)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        for key in ("claim_number", "payout_id", "request_id"):
            if hasattr(record, key):
                payload[key] = getattr(record, key)
        return json.dumps(payload)


def configure_logging(environment: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if environment != "dev" else logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging(settings.environment)
    services = build_services(settings)
    await services.reporting_pool.open()
    await services.fraud_client.start()
    await services.ocr.start()
    await services.feed.start()
    app.state.services = services
    app.state.redis = services.redis

    runner = WorkerRunner(
        [
            SlaEscalationWorker(services.db, services.redis, services.feed, settings.sla_check_interval),
            ReserveReportWorker(services.reporting, services.redis, settings.report_output_dir),
            PayoutReconciler(services.db, services.redis, services.bank),
            FraudRescoreWorker(services.db, services.fraud_client),
        ]
    )
    runner.start()
    ocr_worker = OcrHandoffWorker(services.db, services.storage, services.ocr, settings.ocr_poll_interval)
    ocr_task = asyncio.create_task(ocr_worker.run(), name="worker:ocr-handoff")
    log.info("claims platform started (%s)", settings.environment)
    try:
        yield
    finally:
        ocr_task.cancel()
        await runner.stop()
        await services.feed.stop()
        await services.ocr.close()
        await services.fraud_client.close()
        await services.valuation_client.close()
        await services.bank.close()
        await services.email_http.aclose()
        await services.reporting_pool.close()
        await services.redis.aclose()
        await services.db.close()


def create_app() -> FastAPI:
    app = FastAPI(title="Claims Platform", lifespan=lifespan)

    @app.exception_handler(DomainError)
    async def domain_error_handler(request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "message": exc.message})

    @app.middleware("http")
    async def timing(request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        HTTP_LATENCY.labels(
            getattr(route, "path", "unmatched"), request.method, str(response.status_code)
        ).observe(time.perf_counter() - started)
        return response

    for module in (policies, claims, documents, assignments, payouts, reports, health, ws):
        app.include_router(module.router)
    return app


app = create_app()
