from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Body, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.deps import Principal, get_session, require_farm, services
from fieldwise.repositories.fields import FieldRepository
from fieldwise.repositories.irrigation import IrrigationRepository
from fieldwise.repositories.readings import ReadingsRepository
from fieldwise.schemas.api import FieldIn, FieldOut
from fieldwise.services.container import Services
from fieldwise.services.fields import FieldService
from fieldwise.utils.timeutil import utcnow

router = APIRouter(prefix="/v1/farms/{farm_id}/fields", tags=["fields"])


@router.post("", response_model=FieldOut, status_code=201)
async def create_field(farm_id: int, body: FieldIn, _: Principal = Depends(require_farm),
                       session: AsyncSession = Depends(get_session),
                       deps: Services = Depends(services)) -> FieldOut:
    return await FieldService(session, deps).create(farm_id, body)


@router.get("/search", response_model=list[FieldOut])
async def search_fields(farm_id: int, prefix: str, _: Principal = Depends(require_farm),
                        session: AsyncSession = Depends(get_session)) -> list[FieldOut]:
    rows = await FieldRepository(session).find_by_prefix(farm_id, prefix)
    return [FieldOut(id=f.id, farm_id=f.farm_id, name=f.name, crop_type=f.crop_type, area_ha=f.area_ha,
                     centroid_lat=f.centroid_lat, centroid_lon=f.centroid_lon) for f in rows]


@router.get("/{field_id}", response_model=FieldOut)
async def get_field(farm_id: int, field_id: int, _: Principal = Depends(require_farm),
                    session: AsyncSession = Depends(get_session),
                    deps: Services = Depends(services)) -> FieldOut:
    return await FieldService(session, deps).get(farm_id, field_id)


@router.put("/{field_id}/boundary", response_model=FieldOut)
async def put_boundary(farm_id: int, field_id: int, boundary: dict[str, Any] = Body(...),
                       _: Principal = Depends(require_farm), session: AsyncSession = Depends(get_session),
                       deps: Services = Depends(services)) -> FieldOut:
    return await FieldService(session, deps).update_boundary(farm_id, field_id, boundary)


@router.put("/{field_id}/crop", response_model=FieldOut)
async def put_crop(farm_id: int, field_id: int, crop_type: str = Body(..., embed=True),
                   _: Principal = Depends(require_farm), session: AsyncSession = Depends(get_session),
                   deps: Services = Depends(services)) -> FieldOut:
    return await FieldService(session, deps).set_crop(farm_id, field_id, crop_type)


@router.get("/{field_id}/water")
async def water_usage(farm_id: int, field_id: int, days: int = 30, _: Principal = Depends(require_farm),
                      session: AsyncSession = Depends(get_session)) -> dict[str, Any]:
    since = utcnow() - timedelta(days=days)
    used = await IrrigationRepository(session).liters_used(field_id, since)
    budget = await FieldRepository(session).get_budget(field_id)
    return {"field_id": field_id, "since": since.isoformat(), "used_l": float(used), "budget_l": float(budget)}


@router.get("/{field_id}/readings/{sensor_id}")
async def sensor_day(farm_id: int, field_id: int, sensor_id: int, day: str,
                     _: Principal = Depends(require_farm), deps: Services = Depends(services)):
    rows = await ReadingsRepository(deps.pg).day_for_sensor(sensor_id, datetime.fromisoformat(day).date())
    return [dict(r) for r in rows]


@router.get("/{field_id}/sensors")
async def field_sensors(farm_id: int, field_id: int, _: Principal = Depends(require_farm),
                        session: AsyncSession = Depends(get_session), deps: Services = Depends(services)):
    return await FieldService(session, deps).sensors(farm_id, field_id)
