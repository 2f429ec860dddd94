"""Back-office endpoints for clinic staff."""
from __future__ import annotations

import copy
import json
import logging

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.config import Settings, get_settings
from svc.db.base import get_session
from svc.db.models import Practitioner
from svc.repositories.bookings import BookingRepository
from svc.schemas import BookingOut, PractitionerOut
from svc.services.audit import AuditService
from svc.api.deps import audit_service

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/clinics/{clinic_id}/bookings")
async def clinic_bookings(
    clinic_id: int, page: int = 1, size: int = 50, session: AsyncSession = Depends(get_session)
) -> list[dict]:
    bookings = await BookingRepository(session).page_for_clinic(clinic_id, page, min(size, 200))
    rows = []
    for booking in bookings:
        practitioner = await booking.awaitable_attrs.practitioner
        rows.append({**BookingOut.model_validate(booking).model_dump(mode="json"), "practitioner": practitioner.name})
    return rows


@router.get("/practitioners/search", response_model=list[PractitionerOut])
async def search_practitioners(q: str, session: AsyncSession = Depends(get_session)) -> list[PractitionerOut]:
    result = await session.scalars(
        select(Practitioner).where(Practitioner.name.ilike(f"%{q}%")).order_by(Practitioner.name).limit(25)
    )
    return [PractitionerOut.model_validate(p) for p in result]


@router.get("/reports/monthly")
async def monthly_report(month: str, settings: Settings = Depends(get_settings)) -> Response:
    reporting = create_async_engine(settings.reporting_dsn)
    async with reporting.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT clinic_id, status, count(*) AS n FROM bookings"
                " WHERE to_char(created_at, 'YYYY-MM') = :month GROUP BY clinic_id, status"
            ),
            {"month": month},
        )
        rows = [dict(r._mapping) for r in result]
    snapshot = copy.deepcopy(rows)
    return Response(content=json.dumps(snapshot, default=str), media_type="application/json")


@router.get("/bookings/{booking_id}/history")
async def booking_history(booking_id: int, audit: AuditService = Depends(audit_service)) -> list[dict]:
    try:
        return await audit.history(booking_id)
    except Exception:
        logger.exception("failed to load audit history for booking %s", booking_id)
        raise
