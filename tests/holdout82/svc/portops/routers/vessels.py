from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from portops.deps import get_berthing
from portops.errors import NotFound
from portops.schemas import BerthAssignment, EtaOut
from portops.services.berthing import BerthingService

router = APIRouter(prefix="/vessels", tags=["vessels"])


@router.get("/line-up")
async def line_up(start: datetime, end: datetime, svc: BerthingService = Depends(get_berthing)) -> list[dict]:
    return await svc.line_up(start, end)


@router.get("/line-up/compact")
async def line_up_compact(start: datetime, end: datetime, svc: BerthingService = Depends(get_berthing)) -> list[dict]:
    return await svc.line_up_batched(start, end)


@router.get("/berths/{berth_code}/schedule")
async def berth_schedule(
    berth_code: str, start: datetime, end: datetime, svc: BerthingService = Depends(get_berthing)
) -> list[dict]:
    return await svc.berth_schedule(berth_code, start, end)


@router.get("/calls/{call_id}")
async def get_call(call_id: int, svc: BerthingService = Depends(get_berthing)):
    call = await svc.berths.get_call(call_id)
    if call is None:
        return JSONResponse({"error": "call not found"}, status_code=404)
    return {"id": call.id, "voyage": call.voyage, "eta": call.eta, "status": call.status, "berth": call.berth_id}


@router.post("/calls/{call_id}/berth", status_code=204)
async def assign_berth(call_id: int, body: BerthAssignment, svc: BerthingService = Depends(get_berthing)) -> None:
    await svc.assign_berth(call_id, body.berth_code)


@router.post("/calls/{call_id}/berth/confirm", status_code=204)
async def confirm_berth(call_id: int, body: BerthAssignment, svc: BerthingService = Depends(get_berthing)) -> None:
    await svc.confirm_berth(call_id, body.berth_code)


@router.post("/calls/{call_id}/eta/refresh", response_model=EtaOut)
async def refresh_eta(call_id: int, svc: BerthingService = Depends(get_berthing)) -> EtaOut:
    eta = await svc.refresh_eta(call_id)
    return EtaOut(call_id=call_id, eta=eta)


@router.get("/calls/{call_id}/vessel")
async def call_vessel(call_id: int, svc: BerthingService = Depends(get_berthing)) -> dict:
    call = await svc.berths.get_call(call_id)
    if call is None:
        raise NotFound("call not found", call=call_id)
    vessel = await svc.berths.get_vessel(call.vessel_id)
    return {"imo": vessel.imo, "name": vessel.name, "loa_m": float(vessel.loa_m)}
