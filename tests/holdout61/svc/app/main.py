from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app

from app import __version__
from app.caches import DirectoryCache, EmployeeRateCache, JurisdictionRulesCache
from app.clients.bank import BankClient
from app.clients.hr_system import HRClient
from app.clients.notifications import PushNotifier
from app.clients.tax_tables import TaxTableClient
from app.config import get_settings
from app.database import SessionFactory, dispose_engine
from app.pg import create_pg_pool
from app.redis_client import close_redis, init_redis
from app.repositories.audit import AuditRepository
from app.repositories.employees import EmployeeRepository
from app.repositories.payouts import PayoutRepository
from app.routes import admin, clock, employees, payruns, payslips, shifts, timesheets, ws_kiosk, ws_live
from app.services.audit_service import AuditService
from app.services.clock_service import ClockError
from app.services.live_hub import LiveHub
from app.workers.hr_sync import HRSync
from app.workers.payrun_worker import PayRunWorker
from app.workers.scheduler import build_scheduler

log = logging.getLogger("payroll")


def configure_logging(environment: str) -> None:
    logging.basicConfig(
        level=logging.DEBUG if environment == "development" else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )


async def _load_rules(code: str) -> dict:
    async with SessionFactory() as session:
        return await EmployeeRepository(session).jurisdiction_rules(code)


async def _load_directory() -> dict[int, list[int]]:
    async with SessionFactory() as session:
        return await EmployeeRepository(session).direct_reports()


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    configure_logging(settings.environment)
    state = app.state
    state.settings = settings
    state.redis = init_redis()
    state.pg = await create_pg_pool()
    state.tax = TaxTableClient(settings.tax_service_url, settings.tax_service_token)
    state.hr = HRClient(settings.hr_base_url, settings.hr_api_key)
    await state.hr.start()
    state.bank = BankClient(settings.bank_api_url, settings.bank_client_id, settings.bank_client_secret)
    state.push = PushNotifier(settings.push_service_url)
    state.payouts = PayoutRepository(state.pg)
    state.audit = AuditService(AuditRepository(state.pg))
    state.rules_cache = JurisdictionRulesCache(_load_rules)
    state.rates = EmployeeRateCache(state.redis)
    state.directory = DirectoryCache(_load_directory)
    state.hub = LiveHub(state.redis, settings.clock_channel, state.directory)

    worker = PayRunWorker(
        state.redis,
        settings.payrun_queue,
        state.tax,
        state.payouts,
        state.push,
        settings.payout_dir + "/payslips",
    )
    background = {
        asyncio.create_task(state.hub.run(), name="live-hub"),
        asyncio.create_task(worker.run(), name="payrun-worker"),
        asyncio.create_task(HRSync(state.hr, state.redis, state.rates).run_forever(), name="hr-sync"),
        asyncio.create_task(build_scheduler(state).run(), name="scheduler"),
    }
    state.background = background
    log.info("payroll service %s started (%s)", __version__, settings.environment)
    try:
        yield
    finally:
        worker.stop()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await state.hr.close()
        await state.tax.aclose()
        await state.bank.aclose()
        await state.pg.close()
        await close_redis(state.redis)
        await dispose_engine()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Payroll & Timekeeping", version=__version__, lifespan=lifespan)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    for module in (clock, timesheets, payruns, payslips, employees, shifts, admin, ws_live, ws_kiosk):
        app.include_router(module.router)
    app.mount("/metrics", make_asgi_app())

    @app.exception_handler(ClockError)
    async def clock_error_handler(_: Request, exc: ClockError) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content={"detail": str(exc)})

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app


app = create_app()
