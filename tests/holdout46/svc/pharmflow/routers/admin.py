from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..repositories.claims import ClaimRepository
from ..security.auth import current_staff
from ..services.audit import events_for_subject
from ..workers.reconciliation import reconcile_once

router = APIRouter(prefix="/admin", tags=["admin"])


def _require_admin(staff: dict[str, Any]) -> None:
    if not staff.get("admin"):
        raise HTTPException(403, "admin only")


@router.get("/audit/{subject_type}/{subject_id}")
async def audit_trail(subject_type: str, subject_id: str, staff: dict[str, Any] = Depends(current_staff)) -> list[dict[str, Any]]:
    _require_admin(staff)
    return await events_for_subject(subject_type, subject_id, limit=500)


@router.post("/reconcile/{run_date}")
async def rerun_reconciliation(run_date: dt.date, staff: dict[str, Any] = Depends(current_staff)) -> dict[str, str]:
    _require_admin(staff)
    await reconcile_once(run_date)
    return {"status": "done"}


@router.get("/pharmacies/{pharmacy_id}/claims-summary")
async def claims_summary(
    pharmacy_id: int,
    days: int = 30,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, dict[str, float]]:
    _require_admin(staff)
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=max(1, min(days, 366)))
    totals = await ClaimRepository(session).totals_by_status(pharmacy_id, since)
    return {status: {"count": count, "paid": paid} for status, (count, paid) in totals.items()}


@router.get("/workers")
async def worker_status(request: Request, staff: dict[str, Any] = Depends(current_staff)) -> dict[str, str]:
    _require_admin(staff)
    return request.app.state.workers.status()


health_router = APIRouter(tags=["health"])


@health_router.get("/livez")
async def livez() -> dict[str, str]:
    return {"status": "alive"}


@health_router.get("/readyz")
async def readyz() -> dict[str, bool]:
    return {"ready": True}
