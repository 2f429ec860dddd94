"""Grooming bookings, serialised per pet and per kennel."""
from .clients.grooming import GroomingPartner, VetRecords
from .db import pool
from .registry import kennel_locks, pet_locks

partner = GroomingPartner("https://groomers.example")
vets = VetRecords("https://vets.example")


async def book_grooming(pet_id: str, day: str) -> dict:
    async with pet_locks.lock_for(f"pet:{pet_id}"):  # expect: deadlock
        slot = await partner.book_slot(pet_id, day)
        async with pool().acquire() as conn:
            await conn.execute("UPDATE pets SET groomed_on = $1 WHERE id = $2", day, pet_id)
        return slot


async def assign_run(kennel_id: int, pet_id: str, day: str) -> None:
    async with kennel_locks[kennel_id]:  # expect: deadlock
        await partner.book_slot(pet_id, day)


async def check_in(pet_id: str) -> None:
    # correct: the per-pet lock serialises this pet's own rows; the database wait is the work it guards
    async with pet_locks.lock_for(f"pet:{pet_id}"):
        async with pool().acquire() as conn:
            await conn.execute("UPDATE pets SET checked_in = true WHERE id = $1", pet_id)


async def refresh_vaccinations(pet_id: str) -> list[dict]:
    # correct: the call has its own 4 s timeout and the lock only queues this pet's refreshes
    async with pet_locks.lock_for(f"vacc:{pet_id}"):
        records = await vets.vaccinations(pet_id)
        async with pool().acquire() as conn:
            await conn.execute("UPDATE pets SET vaccinations = $1 WHERE id = $2", records, pet_id)
        return records
