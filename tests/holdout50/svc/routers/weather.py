from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import get_settings
from ..db.engine import get_session
from ..services.weather_service import WeatherService

router = APIRouter(prefix="/weather", tags=["weather"])


def _service(request: Request, session: AsyncSession = Depends(get_session)) -> WeatherService:
    return WeatherService(request.app.state.weather, request.app.state.redis, session, get_settings())


@router.get("/conditions/{station_id}")
async def conditions(
    station_id: str,
    units: Literal["metric", "imperial"] = "metric",
    service: WeatherService = Depends(_service),
) -> dict:
    return await service.current_conditions(station_id, units)


@router.get("/forecast/{station_id}")
async def forecast(station_id: str, service: WeatherService = Depends(_service)) -> dict:
    return await service.forecast(station_id)


@router.get("/avalanche")
async def avalanche(service: WeatherService = Depends(_service)) -> dict:
    return await service.avalanche_bulletin()
