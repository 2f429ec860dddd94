"""Application factory for the LIMS API."""
from __future__ import annotations

import asyncio
import json
import logging
import sys
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import AsyncIterator

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .clients.ehr_hl7 import Hl7HttpClient
from .clients.fhir import FhirClient, TokenProvider
from .clients.printer import PrinterClient
from .clients.sms import SmsClient, VoiceClient
from .clients.terminology import TerminologyClient
from .config import get_settings
from .db import pg
from .db.orm import engine
from .redis_client import close_redis, get_redis
from .routers import accessioning, audit, auth, billing, clinics, critical, health, results, review, samples
from .services.accession_service import AccessionService
from .services.audit import audit as audit_service
from .services.autoverify import AutoVerifier
from .services.critical_alerts import CriticalAlertService
from .services.delivery import DeliveryService
from .services.ingestion import IngestionService
from .services.labels import LabelService
from .services.review_queue import ReviewService
from .workers.scheduler import purge_expired_sessions
from .ws import bench, instruments as ws_instruments, review_feed

log = logging.getLogger(__name__)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload)


def configure_logging(environment: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if environment != "dev" else logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings.environment)
    await pg.open_pool()
    redis = get_redis()

    http = httpx.AsyncClient(timeout=httpx.Timeout(settings.http_timeout_s, connect=3.0),
                             limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))
    printer = PrinterClient()
    await printer.start()
    sms = SmsClient()
    await sms.start()
    voice = VoiceClient()
    await voice.start()
    tokens = TokenProvider(http, credentials={})
    fhir = FhirClient(tokens)

    app.state.http = http
    app.state.accession_service = AccessionService(redis, LabelService(printer), audit_service)
    app.state.ingestion_service = IngestionService(redis, TerminologyClient(http))
    app.state.review_service = ReviewService(redis, audit_service)
    app.state.delivery_service = DeliveryService(Hl7HttpClient(http), fhir)
    app.state.autoverifier = AutoVerifier(redis)
    app.state.critical_service = CriticalAlertService(sms, voice)
    app.state.review_hub = review_feed.ReviewFeedHub(redis)
    await app.state.review_hub.start()
    app.state.session_purger = asyncio.create_task(purge_expired_sessions(interval_s=300))
    log.info("lims api started (%s)", settings.environment)
    try:
        yield
    finally:
        app.state.session_purger.cancel()
        await app.state.review_hub.stop()
        await fhir.aclose()
        await voice.close()
        await sms.close()
        await printer.close()
        await http.aclose()
        await close_redis()
        await pg.close_pool()
        await engine.dispose()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="LIMS", version="3.4.0", lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.allowed_origins),
        allow_methods=["GET", "POST", "PUT"],
        allow_headers=["Authorization", "Content-Type", "X-Api-Key"],
    )
    for module in (health, auth, accessioning, samples, results, review, clinics, billing, audit, critical):
        app.include_router(module.router)
    app.include_router(ws_instruments.router)
    app.include_router(ws_instruments.control_router)
    app.include_router(review_feed.router)
    app.include_router(bench.router)
    return app


app = create_app()
