from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .cache.locks import SiteLocks
from .cache.pubsub import ALARM_CHANNEL, subscribe
from .cache.redis_client import close_redis, init_redis
from .clients.grid_operator import GridOperatorClient
from .clients.market import MarketOperatorClient
from .clients.sms import SmsGateway
from .clients.weather import WeatherClient
from .db.engine import dispose_engine, init_engine
from .db.pg import close_pool, open_pool
from .errors import GridfarmError
from .middleware.request_id import RequestIdMiddleware
from .repositories.alarms import AlarmRepository
from .repositories.curtailment import CurtailmentRepository
from .repositories.telemetry import TelemetryRepository
from .routers import admin, alarms, curtailment, forecasts, health, nominations, reports, sites, telemetry, workorders
from .routers import ws_alarms, ws_overview
from .services.alarm_service import AlarmService
from .services.curtailment_service import CurtailmentService
from .services.escalation import EscalationService
from .services.forecast_service import ForecastService
from .services.kpi import KpiService
from .services.notify import Notifier
from .services.operator_sessions import OperatorSessions
from .services.plant_overview import PlantOverviewService
from .services.telemetry_service import TelemetryService
from .services.trading_service import TradingService
from .services.ws_hub import AlarmConsoleHub
from .settings import get_settings
from .workers.runner import supervise
from .workers.telemetry_consumer import TelemetryConsumer

log = logging.getLogger(__name__)


async def _relay_alarms(app: FastAPI) -> None:
    async for event in subscribe(app.state.redis, ALARM_CHANNEL):
        await app.state.console_hub.broadcast(event)


def _track(app: FastAPI, coro: Any, name: str) -> asyncio.Task[Any]:
    task = asyncio.create_task(coro, name=name)
    app.state.background.add(task)
    task.add_done_callback(app.state.background.discard)
    return task


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    init_engine()
    pool = await open_pool()
    redis_client = init_redis()
    locks = SiteLocks()

    grid = GridOperatorClient(settings.grid_operator_url, settings.grid_operator_token)
    weather = WeatherClient(settings.weather_api_url, settings.weather_api_key)
    await weather.start()
    market = MarketOperatorClient(settings.market_api_url, settings.market_api_key)
    notifier = Notifier(SmsGateway(settings.sms_account, settings.sms_token))

    telemetry_repo = TelemetryRepository(pool)
    alarm_repo = AlarmRepository(pool)
    overview = PlantOverviewService(telemetry_repo, redis_client, locks)
    alarm_svc = AlarmService(alarm_repo, redis_client)

    app.state.background = set()
    app.state.redis = redis_client
    app.state.notifier = notifier
    app.state.overview = overview
    app.state.alarms = alarm_svc
    app.state.telemetry = TelemetryService(telemetry_repo, alarm_svc, overview)
    app.state.curtailment = CurtailmentService(CurtailmentRepository(pool), grid, redis_client, locks, overview,
                                               settings.curtailment_ack_deadline_s)
    app.state.forecasts = ForecastService(weather, redis_client)
    app.state.trading = TradingService(market)
    app.state.kpi = KpiService(telemetry_repo, redis_client)
    app.state.escalation = EscalationService(alarm_repo, notifier, {}, settings.escalation_after_s)
    app.state.console_hub = AlarmConsoleHub()
    app.state.sessions = OperatorSessions(redis_client)

    consumer = TelemetryConsumer(settings.kafka_bootstrap, settings.telemetry_topic, app.state.telemetry)
    app.state.consumer_task = _track(app, supervise("telemetry-consumer", consumer.run), "consumer")
    _track(app, supervise("alarm-relay", lambda: _relay_alarms(app)), "alarm-relay")
    try:
        yield
    finally:
        for task in list(app.state.background):
            task.cancel()
        await asyncio.gather(*app.state.background, return_exceptions=True)
        await grid.aclose()
        await weather.close()
        await market.aclose()
        await close_redis()
        await close_pool()
        await dispose_engine()


async def _gridfarm_error(request: Request, exc: GridfarmError) -> JSONResponse:
    if exc.status_code >= 500:
        log.error("upstream failure on %s: %s", request.url.path, exc)
    return JSONResponse({"detail": str(exc)}, status_code=exc.status_code)


def create_app() -> FastAPI:
    app = FastAPI(title="gridfarm", lifespan=lifespan)
    app.add_middleware(RequestIdMiddleware)
    app.add_exception_handler(GridfarmError, _gridfarm_error)
    for module in (admin, sites, telemetry, alarms, curtailment, workorders, forecasts, nominations, reports, health,
                   ws_alarms, ws_overview):
        app.include_router(module.router)
    return app


app = create_app()

if __name__ == "__main__":
    uvicorn.run("gridfarm.app:app", host="0.0.0.0", port=8080, proxy_headers=True)
