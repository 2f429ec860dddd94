"""Availability and booking: which start times can still be booked, and booking them."""
from __future__ import annotations

import bisect
import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.stores import SlotCache, clinic_directory
from svc.db.models import Appointment
from svc.repositories import appointments_repo, pets_repo
from svc.services.notifications import Notifier
from svc.utils.locks import vet_lock

logger = logging.getLogger(__name__)


def day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def free_starts(
    opens: datetime, closes: datetime, step: timedelta, booked: list[tuple[datetime, datetime]]
) -> list[datetime]:
    """Slots of length ``step`` between opening and closing that overlap no booking."""
    booked = sorted(booked)
    starts = [b[0] for b in booked]
    out: list[datetime] = []
    cursor = opens
    while cursor + step <= closes:
        idx = bisect.bisect_left(starts, cursor + step)
        clash = idx > 0 and booked[idx - 1][1] > cursor
        if not clash:
            out.append(cursor)
        cursor += step
    return out


class SlotService:
    def __init__(self, cache: SlotCache) -> None:
        self.cache = cache

    async def available(self, session: AsyncSession, clinic_id: int, day: date) -> list[dict]:
        clinic = await clinic_directory.get(session, clinic_id)
        if clinic is None or not clinic["is_active"]:
            return []

        async def compute() -> list[dict]:
            day_start, day_end = day_bounds(day, clinic["timezone"])
            opens = day_start.replace(hour=clinic["opens_at"])
            closes = day_start.replace(hour=clinic["closes_at"])
            step = timedelta(minutes=clinic["slot_minutes"])
            intervals = await appointments_repo.booked_intervals(session, clinic_id, day_start, day_end)
            by_vet: dict[int, list[tuple[datetime, datetime]]] = {}
            for vet_id, starts_at, ends_at in intervals:
                by_vet.setdefault(vet_id, []).append((starts_at, ends_at))
            return [
                {"vet_id": vet_id, "starts_at": s.isoformat()}
                for vet_id, booked in by_vet.items()
                for s in free_starts(opens, closes, step, booked)
            ]

        return await self.cache.get_or_compute(clinic_id, day, compute)




class SlotUnavailable(Exception):
    pass


class AppointmentNotFound(Exception):
    pass


@dataclass(slots=True)
class BookingRequest:
    clinic_id: int
    pet_id: int
    vet_id: int
    starts_at: datetime
    duration_min: int = 15
    reason: str | None = None


class BookingService:
    def __init__(self, notifier: Notifier, slots: SlotCache) -> None:
        self.notifier = notifier
        self.slots = slots

    async def book(self, session: AsyncSession, req: BookingRequest) -> Appointment:
        ends_at = req.starts_at + timedelta(minutes=req.duration_min)
        conflict = await appointments_repo.find_overlapping(session, req.vet_id, req.starts_at, ends_at)
        if conflict is not None:
            raise SlotUnavailable(f"vet {req.vet_id} is busy at {req.starts_at:%H:%M}")
        appt = await appointments_repo.create(
            session,
            clinic_id=req.clinic_id,
            pet_id=req.pet_id,
            vet_id=req.vet_id,
            starts_at=req.starts_at,
            ends_at=ends_at,
            reason=req.reason,
        )
        await session.commit()
        await self.slots.invalidate(req.clinic_id, req.starts_at.date())
        pet = await pets_repo.get_pet(session, req.pet_id)
        owner = await pets_repo.get_owner(session, pet.owner_id)
        self.notifier.booking_confirmed(appt, owner.email)
        logger.info("appointment booked", extra={"appointment_id": appt.id, "clinic_id": req.clinic_id})
        return appt

    async def reschedule(self, session: AsyncSession, appointment_id: int, new_start: datetime) -> Appointment:
        async with session.begin():
            appt = await appointments_repo.get(session, appointment_id)
            if appt is None:
                raise AppointmentNotFound(appointment_id)
            old_day = appt.starts_at.date()
            duration = appt.ends_at - appt.starts_at
            await appointments_repo.lock_vet(session, appt.vet_id)
            clash = await appointments_repo.find_overlapping(session, appt.vet_id, new_start, new_start + duration)
            if clash is not None and clash.id != appt.id:
                raise SlotUnavailable("requested time is taken")
            appt.starts_at = new_start
            appt.ends_at = new_start + duration
        await self.slots.invalidate(appt.clinic_id, old_day)
        await self.slots.invalidate(appt.clinic_id, new_start.date())
        pet = await pets_repo.get_pet(session, appt.pet_id)
        owner = await pets_repo.get_owner(session, pet.owner_id)
        await self.notifier.booking_moved(appt, owner.email)
        return appt

    async def transfer(self, session: AsyncSession, appointment_id: int, new_vet_id: int) -> Appointment:
        appt = await appointments_repo.get(session, appointment_id)
        if appt is None:
            raise AppointmentNotFound(appointment_id)
        async with AsyncExitStack() as stack:
            for vid in sorted({appt.vet_id, new_vet_id}):
                await stack.enter_async_context(vet_lock(vid))
            clash = await appointments_repo.find_overlapping(session, new_vet_id, appt.starts_at, appt.ends_at)
            if clash is not None:
                raise SlotUnavailable("the other vet is busy then")
            appt.vet_id = new_vet_id
            await session.commit()
        return appt

    async def cancel(self, session: AsyncSession, appt: Appointment) -> None:
        await appointments_repo.set_status(session, appt.id, "cancelled")
        await session.commit()
        await self.slots.invalidate(appt.clinic_id, appt.starts_at.date())
