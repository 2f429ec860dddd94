from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request

from payflow.api.deps import Repos, current_user, repos
from payflow.errors import Forbidden
from payflow.models import User
from payflow.schemas import ClockEventOut, ClockIn
from payflow.services.clock_service import ClockService

router = APIRouter(prefix="/clock", tags=["clock"])


@router.post("", response_model=ClockEventOut)
async def punch(body: ClockIn, request: Request, user: User = Depends(current_user), r: Repos = Depends(repos)) -> ClockEventOut:
    if user.employee_id is None:
        raise Forbidden("only employees can clock in")
    employee = await r.employees.get(user.company_id, user.employee_id)
    service = ClockService(r.clock, r.timesheets, request.app.state.jurisdictions)
    event = await service.punch(
        employee,
        body.kind,
        source="mobile",
        occurred_at=body.occurred_at,
        latitude=body.latitude,
        longitude=body.longitude,
    )
    return ClockEventOut.model_validate(event)


@router.get("/me", response_model=list[ClockEventOut])
async def my_events(user: User = Depends(current_user), r: Repos = Depends(repos)) -> list[ClockEventOut]:
    if user.employee_id is None:
        raise Forbidden("only employees have clock events")
    events = await r.clock.recent_for_employee(user.employee_id)
    return [ClockEventOut.model_validate(e) for e in events]


@router.patch("/events/{event_id}", response_model=ClockEventOut)
async def correct_event(
    event_id: int, occurred_at: datetime, request: Request, user: User = Depends(current_user), r: Repos = Depends(repos)
) -> ClockEventOut:
    if user.role not in ("manager", "admin", "payroll"):
        raise Forbidden("managers only")
    service = ClockService(r.clock, r.timesheets, request.app.state.jurisdictions)
    event = await service.correct(event_id, user.company_id, occurred_at, user.id, r.audit)
    return ClockEventOut.model_validate(event)


@router.get("/events", response_model=list[ClockEventOut])
async def company_events(user: User = Depends(current_user), r: Repos = Depends(repos)) -> list[ClockEventOut]:
    if user.role not in ("manager", "admin", "payroll"):
        raise Forbidden("managers only")
    events = await r.clock.list_for_company(user.company_id)
    return [ClockEventOut.model_validate(e) for e in events]
