from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import Principal, current_user, db_session, require_manager
from app.repositories.employees import EmployeeRepository
from app.services.employee_service import EmployeeNotFound, EmployeeService, InsufficientPTO

router = APIRouter(prefix="/employees", tags=["employees"])


class PinIn(BaseModel):
    pin: str = Field(min_length=4, max_length=8)


class PtoRequest(BaseModel):
    hours: Decimal = Field(gt=0, le=80)


def _service(request: Request, session: AsyncSession) -> EmployeeService:
    return EmployeeService(session, request.app.state.hr, request.app.state.rules_cache)


@router.get("/search")
async def search(
    q: str = Query(min_length=2, max_length=80),
    _: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> list[dict]:
    employees = await EmployeeRepository(session).search(q)
    return [
        {"id": e.id, "name": e.full_name, "email": e.email, "status": e.status.value}
        for e in employees
    ]


@router.get("/{employee_id}/profile")
async def profile(
    employee_id: int,
    request: Request,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> dict:
    if user.user_id != employee_id and not user.is_manager:
        raise HTTPException(status_code=403, detail="not allowed")
    try:
        return await _service(request, session).profile(employee_id)
    except EmployeeNotFound as exc:
        raise HTTPException(status_code=404, detail="employee not found") from exc


@router.put("/{employee_id}/pin", status_code=204)
async def set_pin(
    employee_id: int,
    body: PinIn,
    request: Request,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> None:
    if user.user_id != employee_id:
        raise HTTPException(status_code=403, detail="employees set their own PIN")
    try:
        await _service(request, session).set_kiosk_pin(employee_id, body.pin)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    await request.app.state.audit.record(user.user_id, "employee.pin", "employee", employee_id)


@router.post("/{employee_id}/pto")
async def use_pto(
    employee_id: int,
    body: PtoRequest,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> dict[str, str]:
    try:
        remaining = await _service(request, session).use_pto(employee_id, body.hours)
    except InsufficientPTO as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    await request.app.state.audit.record(
        manager.user_id, "employee.pto", "employee", employee_id, hours=str(body.hours)
    )
    return {"remaining": str(remaining)}
