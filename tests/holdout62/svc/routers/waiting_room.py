"""Reception endpoints for the waiting room."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.sms import send_sms_once
from svc.deps import Staff, current_staff, db
from svc.schemas import CheckInIn
from svc.services import waiting_room

router = APIRouter(prefix="/waiting-room", tags=["waiting-room"])


@router.post("/{appointment_id}/check-in")
async def check_in(appointment_id: int, body: CheckInIn, session: AsyncSession = Depends(db),
                   staff: Staff = Depends(current_staff)):
    try:
        return await waiting_room.check_in(session, appointment_id, body.triage)
    except waiting_room.NotBookedToday as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "appointment is not booked") from exc


@router.post("/{appointment_id}/call")
async def call_in(appointment_id: int, room: str, notify_phone: str | None = None,
                  staff: Staff = Depends(current_staff)):
    await waiting_room.call_in(staff.clinic_id, appointment_id, room)
    if notify_phone:
        await send_sms_once(notify_phone, f"Please come through to {room} now.")
    return {"ok": True}


@router.get("/board")
async def board(staff: Staff = Depends(current_staff)):
    return await waiting_room.board(staff.clinic_id)
