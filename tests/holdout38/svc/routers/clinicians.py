from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import get_session
from ..deps import calendar_service
from ..schemas import PublishSlotsIn
from ..security import require_clinician
from ..services.calendar import CalendarService, ChartService

router = APIRouter(prefix="/clinicians", tags=["clinicians"])


@router.get("/{clinician_id}")
async def profile(
    clinician_id: str,
    state: str | None = Query(default=None, min_length=2, max_length=2),
    calendar: CalendarService = Depends(calendar_service),
) -> dict:
    if state:
        return await calendar.profile_for_patient(clinician_id, state.upper())
    return await calendar.clinician_profile(clinician_id)


@router.get("/{clinician_id}/availability")
async def availability(
    clinician_id: str, day: dt.date, calendar: CalendarService = Depends(calendar_service)
) -> list[dict]:
    return await calendar.day_availability(clinician_id, day)


@router.get("/specialties/{specialty}/availability")
async def specialty_availability(
    specialty: str, day: dt.date, calendar: CalendarService = Depends(calendar_service)
) -> dict[str, list[dict]]:
    return await calendar.specialty_availability(specialty, day)


@router.get("/specialties/{specialty}/window")
async def specialty_window(
    specialty: str,
    start: dt.datetime,
    end: dt.datetime,
    calendar: CalendarService = Depends(calendar_service),
) -> dict[str, list[dict]]:
    return await calendar.specialty_availability_window(specialty, start, end)


@router.post("/me/slots")
async def publish(
    body: PublishSlotsIn,
    principal: dict = Depends(require_clinician),
    calendar: CalendarService = Depends(calendar_service),
) -> dict:
    created = await calendar.publish_slots(principal["sub"], body.start, body.end)
    return {"created": created}


@router.post("/me/block/{day}")
async def block(
    day: dt.date,
    principal: dict = Depends(require_clinician),
    calendar: CalendarService = Depends(calendar_service),
) -> dict:
    return {"cancelled": await calendar.block_day(principal["sub"], day)}


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)


def chart_service(session: AsyncSession = Depends(get_session)) -> ChartService:
    return ChartService(session)


@router.post("/me/appointments/{appointment_id}/notes", status_code=201)
async def add_note(
    appointment_id: str,
    body: NoteIn,
    principal: dict = Depends(require_clinician),
    charts: ChartService = Depends(chart_service),
) -> dict:
    note = await charts.add_note(appointment_id, principal["sub"], body.body)
    return {"id": note.id}


@router.post("/me/notes/{note_id}/sign", status_code=204)
async def sign_note(
    note_id: int,
    principal: dict = Depends(require_clinician),
    charts: ChartService = Depends(chart_service),
) -> None:
    await charts.sign(note_id, principal["sub"])


@router.get("/patients/{patient_id}/history")
async def patient_history(
    patient_id: str,
    _: dict = Depends(require_clinician),
    charts: ChartService = Depends(chart_service),
) -> list[dict]:
    return await charts.patient_history(patient_id)
