from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Body, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.deps import Principal, get_session, require_farm, services
from fieldwise.errors import Conflict, NotFound
from fieldwise.repositories.irrigation import IrrigationRepository
from fieldwise.schemas.api import ScheduleIn, ScheduleOut
from fieldwise.services.container import Services
from fieldwise.services.irrigation import IrrigationService

router = APIRouter(prefix="/v1/farms/{farm_id}/fields/{field_id}/irrigation", tags=["irrigation"])


@router.get("/schedules", response_model=list[ScheduleOut])
async def list_schedules(farm_id: int, field_id: int, _: Principal = Depends(require_farm),
                         session: AsyncSession = Depends(get_session)) -> list[ScheduleOut]:
    rows = await IrrigationRepository(session).list_for_field(field_id)
    return [ScheduleOut(id=s.id, field_id=s.field_id, valve_id=s.valve_id, next_run_at=s.next_run_at,
                        duration_min=s.duration_min, status=s.status) for s in rows]


@router.post("/schedules", status_code=201)
async def add_schedule(farm_id: int, field_id: int, body: ScheduleIn, _: Principal = Depends(require_farm),
                       session: AsyncSession = Depends(get_session),
                       deps: Services = Depends(services)) -> dict[str, int]:
    schedule_id = await IrrigationService(session, deps).add_schedule(field_id, body)
    return {"id": schedule_id}


@router.post("/run")
async def run_now(farm_id: int, field_id: int, valve_ids: list[str] = Body(..., embed=True),
                  _: Principal = Depends(require_farm), session: AsyncSession = Depends(get_session),
                  deps: Services = Depends(services)) -> dict[str, int]:
    return await IrrigationService(session, deps).irrigate_now(field_id, valve_ids)


@router.post("/reserve")
async def reserve(farm_id: int, field_id: int, liters: float = Body(..., embed=True),
                  _: Principal = Depends(require_farm), session: AsyncSession = Depends(get_session),
                  deps: Services = Depends(services)):
    try:
        left = await IrrigationService(session, deps).reserve_water(field_id, Decimal(str(liters)))
    except Conflict as exc:
        return {"error": "insufficient_budget", "detail": exc.message}
    return {"remaining_l": float(left)}


@router.post("/stop", status_code=204)
async def stop(farm_id: int, field_id: int, valve_ids: list[str] = Body(..., embed=True),
               _: Principal = Depends(require_farm), session: AsyncSession = Depends(get_session),
               deps: Services = Depends(services)) -> None:
    await IrrigationService(session, deps).emergency_stop(field_id, tuple(valve_ids))


@router.get("/valves/{valve_id}")
async def valve_status(farm_id: int, field_id: int, valve_id: str, _: Principal = Depends(require_farm),
                       session: AsyncSession = Depends(get_session), deps: Services = Depends(services)):
    try:
        return await IrrigationService(session, deps).valve_status(valve_id)
    except NotFound as exc:
        raise HTTPException(404, exc.message) from exc
