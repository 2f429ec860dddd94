from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import Principal, current_user, db_session, require_manager
from app.repositories.timesheets import TimesheetRepository
from app.services.timesheet_service import TimesheetError, TimesheetService

router = APIRouter(prefix="/timesheets", tags=["timesheets"])


class ApproveIn(BaseModel):
    note: str | None = Field(default=None, max_length=500)


class BulkApproveIn(BaseModel):
    timesheet_ids: list[int] = Field(min_length=1, max_length=500)


class CorrectionIn(BaseModel):
    regular_hours: float = Field(ge=0, le=200)
    overtime_hours: float = Field(ge=0, le=200)


def _service(request: Request, session: AsyncSession) -> TimesheetService:
    return TimesheetService(session, request.app.state.rules_cache)


def _sheet_json(sheet) -> dict:
    return {
        "id": sheet.id,
        "employee_id": sheet.employee_id,
        "period_start": sheet.period_start.isoformat(),
        "period_end": sheet.period_end.isoformat(),
        "status": sheet.status.value,
        "regular_hours": str(sheet.regular_hours),
        "overtime_hours": str(sheet.overtime_hours),
        "double_time_hours": str(sheet.double_time_hours),
    }


@router.get("/pending")
async def pending(
    manager: Principal = Depends(require_manager), session: AsyncSession = Depends(db_session)
) -> list[dict]:
    sheets = await TimesheetRepository(session).pending_for_manager(manager.user_id)
    return [{**_sheet_json(s), "employee_name": s.employee.full_name} for s in sheets]


@router.post("/{timesheet_id}/submit")
async def submit(
    timesheet_id: int,
    request: Request,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> dict:
    try:
        sheet = await _service(request, session).submit(timesheet_id, user.user_id)
    except TimesheetError as exc:
        raise HTTPException(status_code=exc.status_code, detail=str(exc)) from exc
    return _sheet_json(sheet)


@router.post("/{timesheet_id}/approve")
async def approve(
    timesheet_id: int,
    body: ApproveIn,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> dict:
    try:
        sheet = await _service(request, session).approve(timesheet_id, manager.user_id, note=body.note)
    except TimesheetError as exc:
        raise HTTPException(status_code=exc.status_code, detail=str(exc)) from exc
    await request.app.state.audit.record(manager.user_id, "timesheet.approve", "timesheet", timesheet_id)
    return _sheet_json(sheet)


@router.post("/bulk-approve")
async def bulk_approve(
    body: BulkApproveIn,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> dict[int, str]:
    outcome = await _service(request, session).bulk_approve(body.timesheet_ids, manager.user_id)
    approved = [tid for tid, result in outcome.items() if result == "approved"]
    await request.app.state.audit.record_batch(manager.user_id, "timesheet.approve", "timesheet", approved)
    return outcome


@router.post("/{timesheet_id}/reject")
async def reject(
    timesheet_id: int,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> dict[str, str]:
    try:
        await _service(request, session).reject(timesheet_id, manager.user_id)
    except TimesheetError as exc:
        raise HTTPException(status_code=exc.status_code, detail=str(exc)) from exc
    await request.app.state.audit.record(manager.user_id, "timesheet.reject", "timesheet", timesheet_id)
    return {"status": "rejected"}


@router.patch("/{timesheet_id}/hours")
async def correct_hours(
    timesheet_id: int,
    body: CorrectionIn,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> dict:
    try:
        sheet = await _service(request, session).correct_hours(
            timesheet_id, manager.user_id, body.regular_hours, body.overtime_hours
        )
    except TimesheetError as exc:
        raise HTTPException(status_code=exc.status_code, detail=str(exc)) from exc
    await request.app.state.audit.record(
        manager.user_id, "timesheet.correct", "timesheet", timesheet_id, **body.model_dump()
    )
    return _sheet_json(sheet)


@router.get("/attendance")
async def attendance(
    day: date,
    location_id: int,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> list[dict]:
    rows = await _service(request, session).daily_attendance(day, location_id)
    return [{"employee_id": r.employee_id, "hours": r.hours, "intervals": r.intervals} for r in rows]
