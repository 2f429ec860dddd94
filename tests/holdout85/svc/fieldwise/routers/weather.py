from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.deps import Principal, get_session, require_farm, services
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.fields import FieldRepository
from fieldwise.services.container import Services
from fieldwise.services.weather import WeatherService, region_label
from fieldwise.utils.retry import CircuitOpen

log = get_logger(__name__)
router = APIRouter(prefix="/v1/farms/{farm_id}/fields/{field_id}/weather", tags=["weather"])


def _weather(deps: Services) -> WeatherService:
    return WeatherService(deps.weather, deps.redis)


@router.get("/forecast")
async def forecast(farm_id: int, field_id: int, days: int = 5, _: Principal = Depends(require_farm),
                   session: AsyncSession = Depends(get_session), deps: Services = Depends(services)):
    field = await FieldRepository(session).get(field_id)
    if field is None or field.farm_id != farm_id:
        raise HTTPException(404, "field not found")
    try:
        return await _weather(deps).forecast(field.centroid_lat, field.centroid_lon, days)
    except CircuitOpen as exc:
        log.warning("weather.circuit_open", field_id=field_id)
        raise HTTPException(503, "forecast provider unavailable") from exc


@router.get("/current")
async def current(farm_id: int, field_id: int, _: Principal = Depends(require_farm),
                  session: AsyncSession = Depends(get_session), deps: Services = Depends(services)):
    field = await FieldRepository(session).get(field_id)
    if field is None or field.farm_id != farm_id:
        raise HTTPException(404, "field not found")
    data = await _weather(deps).current(field.centroid_lat, field.centroid_lon)
    return {**data, "region": await region_label(field.centroid_lat, field.centroid_lon)}
