from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.instructor_client import CalendarConflict, InstructorCalendarClient
from ..config import get_settings
from ..db.engine import get_session
from ..deps import require_staff
from ..schemas import LessonBookingRequest
from ..services.lesson_service import LessonFull, LessonNotFound, LessonService

router = APIRouter(prefix="/lessons", tags=["lessons"])
log = logging.getLogger(__name__)


def _service(request: Request, session: AsyncSession = Depends(get_session)) -> LessonService:
    calendar = InstructorCalendarClient(get_settings())
    return LessonService(session, calendar, request.app.state.notifier)


@router.get("")
async def upcoming(discipline: str | None = None, service: LessonService = Depends(_service)) -> list[dict]:
    return await service.upcoming(discipline)


@router.post("/book")
async def book(body: LessonBookingRequest, service: LessonService = Depends(_service)) -> dict:
    try:
        booking = await service.book(body.lesson_id, body.customer_id)
    except LessonNotFound as exc:
        raise HTTPException(404, "lesson not found") from exc
    except LessonFull:
        return {"error": "lesson full"}
    return {"booking_id": booking.id, "status": booking.status}


@router.post("/{lesson_id}/instructor/{instructor_id}")
async def assign(
    lesson_id: int,
    instructor_id: int,
    staff: str = Depends(require_staff),
    service: LessonService = Depends(_service),
) -> dict:
    try:
        await service.assign_instructor(lesson_id, instructor_id)
    except LessonNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
    except CalendarConflict as exc:
        raise HTTPException(409, f"instructor unavailable: {exc}") from exc
    log.info("instructor assigned", extra={"lesson": lesson_id, "instructor": instructor_id, "by": staff})
    return {"lesson_id": lesson_id, "instructor_id": instructor_id}


@router.get("/{lesson_id}/roster")
async def roster(lesson_id: int, staff: str = Depends(require_staff), service: LessonService = Depends(_service)) -> list[dict]:
    return await service.roster(lesson_id)


@router.get("/mine/{customer_id}")
async def mine(customer_id: int, service: LessonService = Depends(_service)) -> list[dict]:
    return await service.my_lessons(customer_id)


@router.delete("/bookings/{booking_id}")
async def cancel_booking(booking_id: int, customer_id: int, service: LessonService = Depends(_service)) -> dict:
    if not await service.cancel(booking_id, customer_id):
        raise HTTPException(404, "booking not found or already cancelled")
    return {"booking_id": booking_id, "status": "cancelled"}


@router.post("/{lesson_id}/reminders")
async def reminders(lesson_id: int, staff: str = Depends(require_staff), service: LessonService = Depends(_service)) -> dict:
    try:
        sent = await service.send_reminders(lesson_id)
    except LessonNotFound as exc:
        raise HTTPException(404, "lesson not found") from exc
    return {"sent": sent}
