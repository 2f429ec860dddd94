"""Booking and moving appointments."""
from fastapi import HTTPException
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from clinic.models import Booking
from clinic.slots import SlotRepository


class BookingService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self._redis = redis
        self._slots = SlotRepository(session)

    async def move(self, booking: Booking, new_slot_id: int) -> None:
        new_slot = await self._slots.get(new_slot_id)
        if new_slot is None or new_slot.status != "open":  # expect: race-condition
            raise HTTPException(status_code=409, detail="slot taken")
        await self._slots.set_status(booking.slot_id, "open")
        await self._slots.set_status(new_slot.id, "booked")
        booking.slot_id = new_slot.id
        await self._session.commit()

    async def move_locked(self, booking: Booking, new_slot_id: int) -> None:
        new_slot = await self._slots.lock(new_slot_id)
        if new_slot is None or new_slot.status != "open":
            raise HTTPException(status_code=409, detail="slot taken")
        await self._slots.set_status(new_slot.id, "booked")
        booking.slot_id = new_slot.id
        await self._session.commit()

    async def move_atomic(self, booking: Booking, new_slot_id: int) -> None:
        new_slot = await self._slots.get(new_slot_id)
        if new_slot is None or new_slot.status != "open":
            raise HTTPException(status_code=409, detail="slot taken")
        if not await self._slots.take_if_open(new_slot.id):
            raise HTTPException(status_code=409, detail="slot taken")
        booking.slot_id = new_slot.id
        await self._session.commit()

    async def hold(self, slot_id: int, patient_id: int) -> None:
        slot = await self._slots.get(slot_id)
        if slot is None or slot.status != "open":
            raise HTTPException(status_code=409, detail="slot taken")
        if not await self._redis.set(f"hold:{slot.id}", str(patient_id), nx=True, ex=300):
            raise HTTPException(status_code=409, detail="being booked")
        await self._slots.set_status(slot.id, "held")
        await self._session.commit()

    async def release_other(self, slot_id: int, other_id: int) -> None:
        slot = await self._slots.get(slot_id)
        if slot is None or slot.status != "held":
            raise HTTPException(status_code=404)
        await self._slots.set_status(other_id, "open")
        await self._session.commit()
