from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as redis
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .db.engine import get_session
from .services.alarm_service import AlarmService
from .services.curtailment_service import CurtailmentService
from .services.forecast_service import ForecastService
from .services.kpi import KpiService
from .services.notify import Notifier
from .services.plant_overview import PlantOverviewService
from .services.telemetry_service import TelemetryService
from .services.trading_service import TradingService
from .services.workorder_service import WorkOrderService
from .settings import Settings, get_settings
from .utils.signing import verify_gateway_signature


async def db_session() -> AsyncIterator[AsyncSession]:
    async for session in get_session():
        yield session


def redis_dep(request: Request) -> redis.Redis:
    return request.app.state.redis


def telemetry_service(request: Request) -> TelemetryService:
    return request.app.state.telemetry


def alarm_service(request: Request) -> AlarmService:
    return request.app.state.alarms


def curtailment_service(request: Request) -> CurtailmentService:
    return request.app.state.curtailment


def overview_service(request: Request) -> PlantOverviewService:
    return request.app.state.overview


def forecast_service(request: Request) -> ForecastService:
    return request.app.state.forecasts


def trading_service(request: Request) -> TradingService:
    return request.app.state.trading


def kpi_service(request: Request) -> KpiService:
    return request.app.state.kpi


def workorder_service(request: Request, session: AsyncSession = Depends(db_session)) -> WorkOrderService:
    notifier: Notifier = request.app.state.notifier
    return WorkOrderService(session, notifier)


async def gateway_auth(
    request: Request,
    x_gateway_id: str = Header(...),
    x_signature: str = Header(...),
    settings: Settings = Depends(get_settings),
) -> str:
    secret = settings.gateway_keys.get(x_gateway_id)
    body = await request.body()
    if secret is None or not verify_gateway_signature(secret, body, x_signature):
        raise HTTPException(status_code=401, detail="bad gateway signature")
    return x_gateway_id


def operator_token(authorization: str = Header(...)) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    return token
