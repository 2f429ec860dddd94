from __future__ import annotations

from datetime import date

import asyncpg


class BookingRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def slot(self, depot_id: str, slot_date: date) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT id, capacity, booked FROM bulky_slots WHERE depot_id = $1 AND slot_date = $2",
                depot_id, slot_date,
            )

    async def count_active(self, slot_id: int) -> int:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM bulky_bookings WHERE slot_id = $1 AND status IN ('pending', 'paid')",
                slot_id,
            )

    async def insert(self, slot_id: int, reference: str, address: str, items: str, amount_pence: int) -> int:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchval(
                "INSERT INTO bulky_bookings (slot_id, reference, address, items, amount_pence) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                slot_id, reference, address, items, amount_pence,
            )

    async def reserve_capacity(self, slot_id: int) -> bool:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            row = await conn.fetchrow(
                "UPDATE bulky_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING booked",
                slot_id,
            )
        return row is not None

    async def mark_paid(self, booking_id: int, charge_id: str) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.execute(
                "UPDATE bulky_bookings SET status = 'paid', charge_id = $2 WHERE id = $1", booking_id, charge_id
            )

    async def cancel(self, booking_id: int) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            async with conn.transaction():
                row = await conn.fetchrow(
                    "SELECT id, slot_id, status, charge_id FROM bulky_bookings WHERE id = $1 FOR UPDATE",
                    booking_id,
                )
                if row is None or row["status"] == "cancelled":
                    return None
                await conn.execute("UPDATE bulky_bookings SET status = 'cancelled' WHERE id = $1", booking_id)
                await conn.execute("UPDATE bulky_slots SET booked = booked - 1 WHERE id = $1", row["slot_id"])
                return row
