from __future__ import annotations

import logging
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from apron.deps import Principal, get_stands, supervisor_principal
from apron.errors import Conflict
from apron.services.stand_allocation import StandAllocationService

log = logging.getLogger(__name__)

router = APIRouter(prefix="/stands", tags=["stands"])


class AssignIn(BaseModel):
    flight_id: int
    stand_id: int


@router.get("/plan")
async def stand_plan(airport: str, day: date, svc: StandAllocationService = Depends(get_stands)) -> list[dict[str, Any]]:
    return await svc.plan(airport.upper(), day)


@router.post("/assign")
async def assign_stand(
    body: AssignIn,
    who: Principal = Depends(supervisor_principal),
    svc: StandAllocationService = Depends(get_stands),
) -> dict[str, Any]:
    try:
        alloc = await svc.assign(body.flight_id, body.stand_id, by=f"staff:{who.staff_id}")
    except Exception as exc:
        raise Conflict(f"stand not assigned: {exc}") from exc
    return {"allocation_id": alloc.id, "on_block": alloc.on_block, "off_block": alloc.off_block}


@router.post("/auto/{flight_id}")
async def auto_assign(flight_id: int, svc: StandAllocationService = Depends(get_stands)) -> dict[str, Any]:
    alloc = await svc.auto_assign(flight_id)
    if alloc is None:
        raise Conflict(f"no compatible stand free for flight {flight_id}")
    return {"allocation_id": alloc.id, "stand_id": alloc.stand_id}


@router.delete("/allocations/{flight_id}", status_code=204)
async def release(
    flight_id: int,
    who: Principal = Depends(supervisor_principal),
    svc: StandAllocationService = Depends(get_stands),
) -> None:
    await svc.release(flight_id)
    log.info("stand released for flight %s by %s", flight_id, who.staff_id)
