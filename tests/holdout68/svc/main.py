"""Application factory for the clinic network API."""
from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timezone

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.clients.messaging import email_client
from svc.clients.payment_provider import PaymentDeclined, PaymentError
from svc.config import get_settings
from svc.container import build_services
from svc.db.connections import engine, pg
from svc.redis_client import redis_conns
from svc.routers import admin, appointments, auth, invoices, labs, pets, pharmacy, waiting_room
from svc.services.checkin import CheckinError
from svc.utils.resilience import CircuitOpenError
from svc.workers.insurance_nightly import InsuranceSync
from svc.workers.lab_poller import LabPoller
from svc.workers.refill_worker import RefillWorker
from svc.workers.reminder_worker import ReminderWorker
from svc.workers.scheduler import JobRunner, run_daily

logger = logging.getLogger(__name__)

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)



def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PaymentDeclined)
    async def declined(request: Request, exc: PaymentDeclined) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "code": "payment_declined"}, status_code=402)

    @app.exception_handler(PaymentError)
    async def payment_failed(request: Request, exc: PaymentError) -> JSONResponse:
        logger.error("payment provider error on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": "payment provider unavailable", "code": "payment_error"}, status_code=502)

    @app.exception_handler(CheckinError)
    async def checkin_failed(request: Request, exc: CheckinError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "code": "checkin_refused"}, status_code=409)

    @app.exception_handler(CircuitOpenError)
    async def circuit_open(request: Request, exc: CircuitOpenError) -> JSONResponse:
        logger.warning("dependency short-circuited: %s", exc)
        return JSONResponse({"detail": "a partner service is unavailable, try again shortly"}, status_code=503)


async def _every(interval_s: float, job) -> None:
    while True:
        await job()
        await asyncio.sleep(interval_s)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging()
    await pg.open(settings.pg_dsn)
    await redis_conns.open()
    services = build_services(redis_conns.main, redis_conns.pubsub)
    await services.sms.start()
    await services.insurance.start()
    app.state.services = services
    app.state.staff_channel = services.staff_channel

    runner = JobRunner()
    reminders = ReminderWorker(services.redis, services.sms, email_client)
    poller = LabPoller(services.lab_client, services.lab_ingest, services.redis, settings.lab_poll_interval_s)
    refills = RefillWorker(services.redis, services.pharmacy)
    insurance = InsuranceSync(services.insurance)

    runner.start("staff-channel", services.staff_channel.run)
    runner.start("reminders", lambda: _every(3600, reminders.run_once))
    runner.start("refills", refills.run)
    runner.start("insurance-nightly", lambda: run_daily(settings.insurance_sync_hour, insurance.run, "insurance"))
    runner.start_unsupervised("lab-poller", poller.run())
    app.state.runner = runner
    logger.info("clinic api started")
    try:
        yield
    finally:
        await runner.stop()
        await services.lab_client.aclose()
        await services.payment_provider.aclose()
        await services.formulary.aclose()
        await services.sms.stop()
        await services.insurance.stop()
        await redis_conns.close()
        await pg.close()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="Paws Network clinic API", version="3.8.0", lifespan=lifespan)
    install_error_handlers(app)
    for module in (admin, auth, appointments, pets, labs, pharmacy, invoices, waiting_room):
        app.include_router(module.router)
    app.include_router(invoices.webhook_router)
    return app


app = create_app()
