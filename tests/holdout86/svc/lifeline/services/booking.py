from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from lifeline.errors import Conflict, NotFound
from lifeline.repositories.appointments import AppointmentRepository
from lifeline.services.drives import DriveService

log = logging.getLogger(__name__)

REMINDER_LEAD = timedelta(hours=24)


class BookingService:
    def __init__(self, appointments: AppointmentRepository, drives: DriveService, capacity_lock: asyncio.Lock) -> None:
        self._appointments = appointments
        self._drives = drives
        self._capacity_lock = capacity_lock

    async def book(self, slot_id: int, donor_id: int, starts_at: datetime) -> int:
        capacity = await self._appointments.slot_capacity(slot_id)
        if capacity is None:
            raise NotFound("slot not found")
        booked = await self._appointments.count_bookings(slot_id)
        if booked >= capacity:
            raise Conflict("slot is full")
        appointment_id = await self._appointments.insert_booking(slot_id, donor_id, starts_at - REMINDER_LEAD)
        log.info("booked donor %s into slot %s", donor_id, slot_id)
        return appointment_id

    async def book_priority(self, slot_id: int, donor_id: int, starts_at: datetime) -> int:
        """Used by the call centre for rare-group donors; counts and inserts under a row lock."""
        appointment_id = await self._appointments.book_if_capacity(slot_id, donor_id, starts_at - REMINDER_LEAD)
        if appointment_id is None:
            raise Conflict("slot is full")
        return appointment_id

    async def walk_in(self, drive_id: int, slot_id: int, donor_id: int, starts_at: datetime) -> int:
        async with self._capacity_lock:
            await self._drives.reserve_capacity(drive_id, 1)
            return await self._appointments.insert_booking(slot_id, donor_id, starts_at)

    async def cancel(self, appointment_id: int) -> None:
        await self._appointments.cancel(appointment_id)
