from __future__ import annotations

import asyncio
import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import Principal, db_session, require_payroll_admin
from app.repositories.payruns import PayRunRepository
from app.services.payout_service import PayoutError, PayoutService
from app.services.payrun_service import PayRunConflict, PayRunService

log = logging.getLogger(__name__)

router = APIRouter(prefix="/payruns", tags=["payruns"])


class PayRunIn(BaseModel):
    period_start: date
    period_end: date
    pay_date: date

    @model_validator(mode="after")
    def _check_dates(self) -> "PayRunIn":
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        if self.pay_date < self.period_end:
            raise ValueError("pay_date must not precede the end of the period")
        return self


def _payrun_service(request: Request, session: AsyncSession) -> PayRunService:
    state = request.app.state
    return PayRunService(session, state.redis, state.tax, state.payouts, state.settings.payrun_queue)


def _payout_service(request: Request, session: AsyncSession) -> PayoutService:
    state = request.app.state
    return PayoutService(session, state.payouts, state.bank, state.settings.payout_dir)


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def create_payrun(
    body: PayRunIn,
    request: Request,
    admin: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> dict:
    try:
        run = await _payrun_service(request, session).start(
            body.period_start, body.period_end, body.pay_date, admin.user_id
        )
    except PayRunConflict as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    await request.app.state.audit.record(admin.user_id, "payrun.create", "payrun", run.id)
    return {"id": run.id, "status": run.status.value}


@router.get("/preview")
async def preview(
    period_start: date,
    pay_date: date,
    request: Request,
    _: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> dict[str, str]:
    totals = await _payrun_service(request, session).preview(period_start, pay_date)
    return {k: str(v) for k, v in totals.items()}


@router.get("/{run_id}")
async def get_payrun(
    run_id: int,
    _: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> dict:
    run = await PayRunRepository(session).get(run_id)
    if run is None:
        raise HTTPException(status_code=404, detail="pay run not found")
    return {
        "id": run.id,
        "status": run.status.value,
        "period_start": run.period_start.isoformat(),
        "period_end": run.period_end.isoformat(),
        "pay_date": run.pay_date.isoformat(),
        "error": run.error,
    }


@router.post("/{run_id}/recompute", status_code=status.HTTP_202_ACCEPTED)
async def recompute(
    run_id: int,
    request: Request,
    admin: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> dict:
    try:
        count = await _payrun_service(request, session).recompute(run_id)
    except PayRunConflict as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    await request.app.state.audit.record(admin.user_id, "payrun.recompute", "payrun", run_id)
    return {"id": run_id, "items": count}


@router.post("/{run_id}/payout", status_code=status.HTTP_202_ACCEPTED)
async def payout(
    run_id: int,
    request: Request,
    admin: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> dict:
    service = _payout_service(request, session)
    try:
        batch_id = await service.generate(run_id)
    except PayoutError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    asyncio.create_task(service.submit(run_id))
    await request.app.state.audit.record(admin.user_id, "payout.submit", "payrun", run_id, batch=batch_id)
    return {"batch_id": batch_id, "status": "submitting"}


@router.post("/{run_id}/cancel")
async def cancel(
    run_id: int,
    request: Request,
    admin: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> dict[str, str]:
    try:
        await _payrun_service(request, session).cancel(run_id)
    except PayRunConflict as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    await request.app.state.audit.record(admin.user_id, "payrun.cancel", "payrun", run_id)
    return {"status": "cancelled"}
