from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request

from fieldops.deps import CurrentUser, current_user, dispatch_service, require_dispatcher, scheduling_service
from fieldops.schemas import BookingIn
from fieldops.services.dispatch import DispatchService
from fieldops.services.scheduling import SchedulingService


router = APIRouter(prefix="/dispatch", tags=["dispatch"])


@router.post("/{work_order_id}")
async def dispatch(
    work_order_id: int,
    user: CurrentUser = Depends(require_dispatcher),
    service: DispatchService = Depends(dispatch_service),
) -> dict:
    return await service.dispatch(user.account_id, work_order_id)


@router.post("/reassign")
async def reassign(
    body: BookingIn,
    user: CurrentUser = Depends(require_dispatcher),
    service: DispatchService = Depends(dispatch_service),
) -> dict:
    await service.reassign(user.account_id, body.work_order_id, body.technician_id, body.when)
    return {"ok": True}


@router.get("/{work_order_id}/eta")
async def tracking_eta(
    work_order_id: int,
    user: CurrentUser = Depends(current_user),
    service: DispatchService = Depends(dispatch_service),
) -> dict:
    return {"eta_minutes": await service.tracking_eta(user.account_id, work_order_id)}


schedule_router = APIRouter(prefix="/schedule", tags=["schedule"])


@schedule_router.post("/bookings", status_code=201)
async def book(
    body: BookingIn,
    user: CurrentUser = Depends(require_dispatcher),
    service: SchedulingService = Depends(scheduling_service),
) -> dict:
    await service.book(user.account_id, body.work_order_id, body.technician_id, body.when)
    return {"ok": True}


@schedule_router.get("/technicians/{technician_id}/{day}")
async def day_schedule(
    technician_id: int,
    day: date,
    user: CurrentUser = Depends(current_user),
    service: SchedulingService = Depends(scheduling_service),
) -> list[dict]:
    return await service.day_schedule(user.account_id, technician_id, day)


@schedule_router.get("/technicians/{technician_id}/route")
async def route(
    technician_id: int,
    request: Request,
    user: CurrentUser = Depends(current_user),
    service: SchedulingService = Depends(scheduling_service),
) -> dict:
    origin = await request.app.state.location_hub.last_position(user.account_id, technician_id)
    if origin is None:
        raise HTTPException(status_code=409, detail="technician position unknown")
    return {"order": await service.plan_route(technician_id, origin)}
