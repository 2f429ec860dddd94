"""Back-office operations for restaurant managers."""
from __future__ import annotations

import asyncio
import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.auth import StaffClaims, require_manager
from svc.clients.payments import PaymentsClient
from svc.config import settings
from svc.container import notifier, payments
from svc.db import pg
from svc.db.engine import get_session
from svc.db.models import Booking, Deposit, Restaurant
from svc.repositories.bookings import AuditRepository
from svc.repositories.deposits import DepositRepository
from svc.repositories.reporting import ReportingRepository
from svc.services.floor import FloorPlanService
from svc.services.notification_service import NotificationService
from svc.utils.formatting import bookings_to_csv, write_export
from svc.utils.timeutil import day_bounds

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


@router.post("/deposits/{booking_id}/refund")
async def manual_refund(
    booking_id: int,
    reason: str = "goodwill",
    claims: StaffClaims = Depends(require_manager),
    session: AsyncSession = Depends(get_session),
    client: PaymentsClient = Depends(payments),
) -> dict:
    deposit = await DepositRepository(session).lock_for_booking(booking_id)
    if deposit is None:
        raise HTTPException(404, "no deposit for booking")
    status = await client.refund(deposit.provider_intent_id, reason)
    deposit.status = f"refund_{status}"
    await session.commit()
    return {"booking_id": booking_id, "refund_status": status}


@router.post("/bookings/{booking_id}/no-show/undo")
async def undo_no_show(
    booking_id: int,
    claims: StaffClaims = Depends(require_manager),
    session: AsyncSession = Depends(get_session),
) -> dict:
    booking = await session.get(Booking, booking_id)
    if booking is None or booking.status != "no_show":
        raise HTTPException(404, "no such no-show")
    booking.status = "completed"
    await AuditRepository(session).record(f"staff:{claims.staff_id}", "no_show.undone", f"booking:{booking_id}")
    await session.commit()
    log.info("staff %s reverted no-show on booking %s", claims.staff_id, booking_id)
    return {"id": booking_id, "status": booking.status}


@router.post("/restaurants/{restaurant_id}/broadcast")
async def broadcast_sms(
    restaurant_id: int,
    message: str,
    claims: StaffClaims = Depends(require_manager),
    session: AsyncSession = Depends(get_session),
    sms: NotificationService = Depends(notifier),
) -> dict:
    restaurant = await session.get(Restaurant, restaurant_id)
    if restaurant is None:
        raise HTTPException(404, "restaurant not found")
    if restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")
    from svc.repositories.waitlist import WaitlistRepository

    waiting = await WaitlistRepository(session).waiting(restuarant_id)
    sent = await sms.send_batch([(e.phone, f"{restaurant.name}: {message}") for e in waiting])
    log.info("manager %s broadcast to %d waitlist guests at %s", claims.staff_id, sent, restaurant_id)
    return {"sent": sent}




@router.get("/reports/{restaurant_id}/covers")
async def covers(
    restaurant_id: int,
    day: date,
    tz_name: str = "Europe/London",
    claims: StaffClaims = Depends(require_manager),
) -> list[dict]:
    if restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")
    start, end = day_bounds(day, tz_name)
    return await ReportingRepository(pg.pool()).covers_by_hour(restaurant_id, start, end)


@router.get("/reports/{restaurant_id}/export.csv", response_class=PlainTextResponse)
async def export_csv(
    restaurant_id: int,
    day: date,
    tz_name: str = "Europe/London",
    claims: StaffClaims = Depends(require_manager),
) -> str:
    if restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")
    start, end = day_bounds(day, tz_name)
    rows = await ReportingRepository(pg.pool()).export_rows(restaurant_id, start, end)
    content = bookings_to_csv(rows)
    await asyncio.to_thread(write_export, settings.export_dir, f"{restaurant_id}-{day.isoformat()}.csv", content)
    return content
