"""Availability views: which slots a patient can book."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.directory_cache import directory
from svc.cache.slot_cache import AvailabilityCache
from svc.db.models import Slot
from svc.repositories.slots import SlotRepository
from svc.schemas import PractitionerDay, PractitionerOut, SlotOut


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


class AvailabilityService:
    def __init__(self, session: AsyncSession, cache: AvailabilityCache) -> None:
        self._session = session
        self._slots = SlotRepository(session)
        self._cache = cache

    async def clinic_day(
        self, clinic_id: int, day: date, specialty: str | None = None
    ) -> list[PractitionerDay]:
        practitioners = await directory.practitioners_for_clinic(self._session, clinic_id)
        if specialty:
            practitioners[:] = [p for p in practitioners if p.specialty == specialty]
        start, end = day_bounds(day)
        result: list[PractitionerDay] = []
        for practitioner in practitioners:
            slots = await self._slots.open_slots(practitioner.id, start, end)
            result.append(
                PractitionerDay(
                    practitioner=practitioner,
                    slots=[SlotOut.model_validate(s) for s in slots],
                )
            )
        return result

    async def clinic_day_compact(self, clinic_id: int, day: date) -> list[PractitionerDay]:
        practitioners = await directory.practitioners_for_clinic(self._session, clinic_id)
        start, end = day_bounds(day)
        slots = await self._slots.open_slots_for_many([p.id for p in practitioners], start, end)
        by_practitioner: dict[int, list[SlotOut]] = {p.id: [] for p in practitioners}
        for slot in slots:
            by_practitioner[slot.practitioner_id].append(SlotOut.model_validate(slot))
        return [
            PractitionerDay(practitioner=p, slots=by_practitioner[p.id])
            for p in sorted(practitioners, key=lambda p: p.name)
        ]

    async def practitioner_day(
        self, practitioner: PractitionerOut, day: date, busy: list[tuple[datetime, datetime]]
    ) -> list[dict]:
        cached = await self._cache.get(practitioner.id, day)
        if cached is not None:
            return cached
        start, end = day_bounds(day)
        candidates = await self._slots.open_slots(practitioner.id, start, end)
        free = [s for s in candidates if not _overlaps_any(s, busy)]
        payload = [SlotOut.model_validate(s).model_dump(mode="json") for s in free]
        await self._cache.put(practitioner.id, day, payload)
        return payload

    @staticmethod
    def without_calendar_blocks(slots: list[Slot], blocked_starts: list[datetime]) -> list[Slot]:
        return [s for s in slots if s.starts_at not in blocked_starts]

    @staticmethod
    def without_booked(slots: list[Slot], booked_slot_ids: list[int]) -> list[Slot]:
        booked = set(booked_slot_ids)
        return [s for s in slots if s.id not in booked]


def _overlaps_any(slot: Slot, busy: list[tuple[datetime, datetime]]) -> bool:
    return any(slot.starts_at < end and start < slot.ends_at for start, end in busy)
