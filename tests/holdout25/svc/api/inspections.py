"""Inspection scheduling endpoints for staff and inspectors."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, db_session, require_role, scheduling_service
from svc.realtime.hub import InspectorBoard
from svc.services.scheduling import SchedulingService

router = APIRouter(prefix="/inspections", tags=["inspections"])


class BookRequest(BaseModel):
    inspector_id: int
    day: date
    slot: int


class RescheduleRequest(BaseModel):
    day: date
    slot: int


@router.post("/{inspection_id}/book", status_code=204)
async def book_inspection(
    inspection_id: int,
    body: BookRequest,
    _: Principal = Depends(require_role("scheduler")),
    session: AsyncSession = Depends(db_session),
    service: SchedulingService = Depends(scheduling_service),
) -> None:
    await service.book(session, inspection_id, body.inspector_id, body.day, body.slot)


@router.post("/{inspection_id}/reschedule", status_code=204)
async def reschedule_inspection(
    inspection_id: int,
    body: RescheduleRequest,
    _: Principal = Depends(require_role("scheduler")),
    session: AsyncSession = Depends(db_session),
    service: SchedulingService = Depends(scheduling_service),
) -> None:
    await service.reschedule(session, inspection_id, body.day, body.slot)


@router.get("/inspectors/{inspector_id}/{day}")
async def inspector_day(
    inspector_id: int,
    day: date,
    printable: bool = False,
    _: Principal = Depends(require_role("inspector")),
    session: AsyncSession = Depends(db_session),
    service: SchedulingService = Depends(scheduling_service),
) -> list[dict[str, Any]]:
    if printable:
        return await service.printable_sheet(session, inspector_id, day)
    return await service.day_sheet(session, inspector_id, day)


@router.post("/inspectors/{inspector_id}/{day}/route")
async def propose_route(
    inspector_id: int,
    day: date,
    _: Principal = Depends(require_role("scheduler")),
    session: AsyncSession = Depends(db_session),
    service: SchedulingService = Depends(scheduling_service),
) -> dict[str, Any]:
    return {"order": await service.propose_route(session, inspector_id, day)}


@router.post("/inspectors/{inspector_id}/{day}/route/confirm")
async def confirm_route(
    inspector_id: int,
    day: date,
    request: Request,
    _: Principal = Depends(require_role("scheduler")),
    session: AsyncSession = Depends(db_session),
    service: SchedulingService = Depends(scheduling_service),
) -> dict[str, Any]:
    order = await service.confirm_route(session, inspector_id, day)
    board: InspectorBoard = request.app.state.inspector_board
    await board.broadcast({"type": "route", "inspector_id": inspector_id, "day": day.isoformat(), "order": order})
    return {"order": order}


@router.post("/rebalance/{day}")
async def rebalance(
    day: date,
    inspector_ids: list[int],
    _: Principal = Depends(require_role("supervisor")),
    session: AsyncSession = Depends(db_session),
    service: SchedulingService = Depends(scheduling_service),
) -> dict[int, list[int]]:
    return await service.rebalance(session, day, inspector_ids)
