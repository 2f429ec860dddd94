"""Availability endpoints."""
from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import availability_service
from svc.db.base import get_session
from svc.repositories.slots import SlotRepository
from svc.schemas import PractitionerDay, SlotOut
from svc.services.availability import AvailabilityService, day_bounds

router = APIRouter(prefix="/clinics/{clinic_id}/availability", tags=["availability"])


@router.get("", response_model=list[PractitionerDay])
async def clinic_availability(
    clinic_id: int,
    day: date,
    specialty: str | None = None,
    service: AvailabilityService = Depends(availability_service),
) -> list[PractitionerDay]:
    return await service.clinic_day(clinic_id, day, specialty)


@router.get("/compact", response_model=list[PractitionerDay])
async def clinic_availability_compact(
    clinic_id: int, day: date, service: AvailabilityService = Depends(availability_service)
) -> list[PractitionerDay]:
    return await service.clinic_day_compact(clinic_id, day)


@router.get("/practitioners/{practitioner_id}", response_model=list[SlotOut])
async def practitioner_availability(
    clinic_id: int,
    practitioner_id: int,
    day: date,
    blocked: list[datetime] = Query(default_factory=list),
    session: AsyncSession = Depends(get_session),
) -> list[SlotOut]:
    start, end = day_bounds(day)
    slots = await SlotRepository(session).open_slots(practitioner_id, start, end)
    return [SlotOut.model_validate(s) for s in AvailabilityService.without_calendar_blocks(slots, blocked)]
