from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Request

from payflow.api.deps import Repos, admin_user, current_user, repos
from payflow.errors import Forbidden
from payflow.models import User
from payflow.schemas import ApprovalIn, PendingTimesheetOut, TimesheetOut
from payflow.repositories.ops_repo import ReminderRepository
from payflow.services.approval_service import ApprovalService
from payflow.services.reminder_service import ReminderService
from payflow.services.timesheet_service import TimesheetService

router = APIRouter(prefix="/timesheets", tags=["timesheets"])


def _service(r: Repos) -> TimesheetService:
    return TimesheetService(r.timesheets, r.clock, r.employees, r.audit)


@router.post("/{sheet_id}/submit", response_model=TimesheetOut)
async def submit(sheet_id: int, user: User = Depends(current_user), r: Repos = Depends(repos)) -> TimesheetOut:
    if user.employee_id is None:
        raise Forbidden("only employees submit timesheets")
    employee = await r.employees.get(user.company_id, user.employee_id)
    approver_id = None
    if employee.manager_id is not None:
        manager = await r.employees.get(user.company_id, employee.manager_id)
        manager_user = await r.companies.user_by_email(manager.email)
        approver_id = manager_user.id if manager_user else None
    sheet = await _service(r).submit(sheet_id, employee, approver_id)
    return TimesheetOut.model_validate(sheet)


@router.get("/pending", response_model=list[PendingTimesheetOut])
async def pending(user: User = Depends(current_user), r: Repos = Depends(repos)) -> list[PendingTimesheetOut]:
    sheets = await r.timesheets.list_pending_for_approver(user.id)
    out: list[PendingTimesheetOut] = []
    for sheet in sheets:
        employee = await r.employees.get(user.company_id, sheet.employee_id)
        out.append(
            PendingTimesheetOut(
                timesheet=TimesheetOut.model_validate(sheet),
                employee_name=f"{employee.first_name} {employee.last_name}",
            )
        )
    return out


@router.get("/period/{period_start}")
async def period_status(period_start: date, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    status = await _service(r).period_status(user.company_id, period_start)
    return {
        "period_start": status.period_start,
        "total": status.total,
        "submitted": status.submitted,
        "approved": status.approved,
        "missing": status.missing,
    }


@router.get("/period/{period_start}/sheets", response_model=list[TimesheetOut])
async def period_sheets(period_start: date, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> list[TimesheetOut]:
    sheets = await r.timesheets.list_for_period(user.company_id, period_start)
    detailed = await r.timesheets.with_approvals([s.id for s in sheets])
    return [TimesheetOut.model_validate(s) for s in detailed]


@router.post("/{sheet_id}/decision", response_model=TimesheetOut)
async def decide(sheet_id: int, body: ApprovalIn, request: Request, user: User = Depends(current_user), r: Repos = Depends(repos)) -> TimesheetOut:
    service = ApprovalService(r.timesheets, r.audit, request.app.state.email)
    if body.decision == "approve":
        sheet = await service.approve(sheet_id, user, body.comment)
    else:
        sheet = await service.reject(sheet_id, user, body.comment)
    return TimesheetOut.model_validate(sheet)


@router.post("/approve-many")
async def approve_many(sheet_ids: list[int], request: Request, user: User = Depends(current_user), r: Repos = Depends(repos)) -> dict:
    if len(sheet_ids) > 500:
        raise Forbidden("at most 500 timesheets per request")
    service = ApprovalService(r.timesheets, r.audit, request.app.state.email)
    approved = await service.approve_many(sheet_ids, user)
    return {"approved": approved, "skipped": sorted(set(sheet_ids) - set(approved))}


@router.post("/period/{period_start}/reminders")
async def schedule_reminders(period_start: date, request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    period_end = period_start + timedelta(days=6)
    planner = ReminderService(ReminderRepository(r.session), request.app.state.email)
    scheduled = await _service(r).schedule_reminders(user.company_id, period_start, period_end, planner)
    return {"scheduled": scheduled}


@router.post("/period/{period_start}/lock")
async def lock_period(period_start: date, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    locked = await _service(r).lock_period(user.company_id, period_start, user.id)
    return {"locked": locked}
