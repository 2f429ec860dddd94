"""Back-office endpoints for the operations and finance teams."""
from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.object_store import ObjectStore
from svc.db.models import ChargingSession
from svc.db.repositories.drivers import DriverRepository
from svc.db.repositories.sessions import SessionRepository
from svc.deps import get_db, get_object_store, get_payment_service, get_reports
from svc.services.billing import PaymentService
from svc.services.documents import ReportService, summarize_sessions

router = APIRouter(prefix="/v1/admin", tags=["admin"])


def _session_row(s: ChargingSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "transaction_id": s.transaction_id,
        "chargepoint_id": s.chargepoint_id,
        "id_tag": s.id_tag,
        "started_at": s.started_at,
        "stopped_at": s.stopped_at,
        "status": s.status,
        "cost_cents": s.cost_cents,
    }


@router.get("/drivers/{driver_id}")
async def get_driver(driver_id: int, db: AsyncSession = Depends(get_db)) -> dict[str, Any]:
    driver = await DriverRepository(db).get_or_404(driver_id)
    return {"id": driver.id, "email": driver.email, "name": driver.name, "wallet_cents": driver.wallet_cents}


@router.get("/sessions/by-tag")
async def sessions_by_tag(id_tag: str = Query(min_length=4, max_length=32), db: AsyncSession = Depends(get_db)) -> list[dict[str, Any]]:
    sessions = await SessionRepository(db).list_by_id_tag(id_tag.upper())
    return [_session_row(s) for s in sessions]


@router.post("/payments/{payment_id}/capture")
async def capture_now(payment_id: int, payments: PaymentService = Depends(get_payment_service)) -> dict[str, bool]:
    return {"captured": await payments.capture(payment_id)}


@router.get("/reports/daily")
async def daily_report(day: date, db: AsyncSession = Depends(get_db)) -> dict[str, Any]:
    sessions = await SessionRepository(db).list_for_day(day)
    return {"day": day.isoformat(), **summarize_sessions(sessions)}


@router.get("/reports/sessions")
async def sessions_between(start: datetime, end: datetime, db: AsyncSession = Depends(get_db)) -> list[dict[str, Any]]:
    sessions = await SessionRepository(db).list_between(start, end)
    return [_session_row(s) for s in sessions]


@router.get("/reports/utilisation")
async def utilisation(
    start: datetime,
    end: datetime,
    db: AsyncSession = Depends(get_db),
    reports: ReportService = Depends(get_reports),
) -> list[dict[str, Any]]:
    return await reports.utilisation(db, start, end)


@router.get("/reports/cdr-files/{day}")
async def cdr_file(day: date, store: ObjectStore = Depends(get_object_store)) -> Response:
    body = await asyncio.to_thread(store.get_bytes, f"cdrs/{day:%Y/%m/%d}.csv")
    return Response(content=body, media_type="text/csv")
