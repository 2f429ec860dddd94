from __future__ import annotations

import json
import logging
import sys
from contextlib import asynccontextmanager

import asyncpg
import httpx
from fastapi import FastAPI

from . import errors
from .caches import CarrierCache
from .caches import QuoteCache
from .clients.eld import EldClient
from .clients.email_client import Mailer
from .clients.factoring import FactoringClient
from .clients.compliance import FmcsaClient
from .clients.compliance import InsuranceClient
from .clients.market_rates import MarketRatesClient
from .config import settings
from .db import SessionFactory, build_redis, engine
from .repositories.tracking import apply_schema
from .routers import admin, booking, carriers, documents, invoices, loads, quotes, reports
from .services.container import Services
from .workers.scheduler import Scheduler
from .ws import board, tracking_ws
from .ws.board import BoardHub

log = logging.getLogger(__name__)


class JsonFormatter(logging.Formatter):
    _skip = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message"}

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update({k: v for k, v in record.__dict__.items() if k not in self._skip})
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def configure_logging(environment: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if environment != "dev" else logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


@asynccontextmanager
async def lifespan(app: FastAPI):
    configure_logging(settings.environment)
    redis = build_redis()
    tracking_pool = await asyncpg.create_pool(
        settings.tracking_dsn,
        min_size=settings.tracking_pool_min,
        max_size=settings.tracking_pool_max,
        command_timeout=15,
        timeout=10,
    )
    await apply_schema(tracking_pool)

    partner_http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=50))
    fmcsa = FmcsaClient(partner_http, settings.fmcsa_base_url, settings.fmcsa_web_key)
    insurance = InsuranceClient(settings.insurance_base_url, settings.insurance_api_key)
    factoring = FactoringClient(settings.factoring_base_url, settings.factoring_api_key)
    eld = EldClient(settings.eld_base_url)
    market = MarketRatesClient(partner_http, settings.market_rates_url)
    mailer = Mailer(settings.smtp_host, settings.smtp_port, settings.mail_from)

    hub = BoardHub(redis)
    services = Services.build(
        session_factory=SessionFactory,
        redis=redis,
        tracking_pool=tracking_pool,
        fmcsa=fmcsa,
        insurance=insurance,
        factoring=factoring,
        eld=eld,
        market=market,
        mailer=mailer,
        carrier_cache=CarrierCache(SessionFactory),
        quote_cache=QuoteCache(redis),
        hub=hub,
    )
    app.state.redis = redis
    app.state.tracking_pool = tracking_pool
    app.state.services = services
    app.state.hub = hub

    await hub.start()
    scheduler = Scheduler(services, redis)
    scheduler.start()
    app.state.ingest = scheduler.ingest
    log.info("freight api started", extra={"env": settings.environment})
    try:
        yield
    finally:
        await scheduler.stop()
        await hub.stop()
        await partner_http.aclose()
        await insurance.close()
        await factoring.close()
        await eld.close()
        await tracking_pool.close()
        await redis.aclose()
        await engine.dispose()


def create_app() -> FastAPI:
    app = FastAPI(title="Freight Brokerage API", version="2.7.1", lifespan=lifespan)
    errors.install(app)
    app.include_router(admin.health_router)
    for router in (loads, booking, carriers, documents, invoices, quotes, reports, admin):
        app.include_router(router.router)
    app.include_router(tracking_ws.router)
    app.include_router(board.router)
    return app


app = create_app()
