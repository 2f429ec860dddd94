from __future__ import annotations

from datetime import date, datetime, time, timezone

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import Principal, current_user, db_session, require_manager
from app.models import Shift
from app.repositories.employees import EmployeeRepository

router = APIRouter(prefix="/shifts", tags=["shifts"])

MAX_SHIFT_HOURS = 16


class ShiftIn(BaseModel):
    employee_id: int
    location_id: int
    starts_at: datetime
    ends_at: datetime
    role: str = "staff"


def _shift_json(shift: Shift) -> dict:
    return {
        "id": shift.id,
        "employee_id": shift.employee_id,
        "location_id": shift.location_id,
        "starts_at": shift.starts_at.isoformat(),
        "ends_at": shift.ends_at.isoformat(),
        "role": shift.role,
    }


@router.post("", status_code=201)
async def create_shift(
    body: ShiftIn,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> dict:
    if body.ends_at <= body.starts_at:
        raise HTTPException(status_code=422, detail="shift ends before it starts")
    if body.ends_at - body.starts_at > timedelta(hours=MAX_SHIFT_HOURS):
        raise HTTPException(status_code=422, detail=f"shifts are limited to {MAX_SHIFT_HOURS}h")
    clash = await session.scalar(
        select(Shift.id).where(
            Shift.employee_id == body.employee_id,
            Shift.starts_at < body.ends_at,
            Shift.ends_at > body.starts_at,
        )
    )
    if clash is not None:
        raise HTTPException(status_code=409, detail=f"overlaps shift {clash}")
    shift = Shift(**body.model_dump())
    session.add(shift)
    await session.commit()
    await request.app.state.audit.record(manager.user_id, "shift.create", "shift", shift.id)
    return _shift_json(shift)


@router.get("/week")
async def week_schedule(
    location_id: int,
    week_of: date,
    _: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> list[dict]:
    start = datetime.combine(week_of, time.min, tzinfo=timezone.utc)
    end = datetime.fromordinal(start.toordinal() + 7).replace(tzinfo=timezone.utc)
    shifts = (
        await session.scalars(
            select(Shift)
            .where(Shift.location_id == location_id, Shift.starts_at >= start, Shift.starts_at < end)
            .order_by(Shift.starts_at)
        )
    ).all()
    employees = await EmployeeRepository(session).get_many(s.employee_id for s in shifts)
    return [
        {**_shift_json(s), "employee_name": employees[s.employee_id].full_name}
        for s in shifts
        if s.employee_id in employees
    ]


@router.delete("/{shift_id}", status_code=204)
async def delete_shift(
    shift_id: int,
    request: Request,
    manager: Principal = Depends(require_manager),
    session: AsyncSession = Depends(db_session),
) -> None:
    result = await session.execute(delete(Shift).where(Shift.id == shift_id))
    if not result.rowcount:
        raise HTTPException(status_code=404, detail="shift not found")
    await session.commit()
    await request.app.state.audit.record(manager.user_id, "shift.delete", "shift", shift_id)
