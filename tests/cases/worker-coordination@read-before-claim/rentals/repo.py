from datetime import datetime

import asyncpg


class BookingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def due_to_start(self, now: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            "SELECT id, car_id FROM bookings WHERE status = 'confirmed' AND starts_at <= $1 LIMIT 100", now)

    async def set_status(self, booking_id: int, status: str) -> None:
        await self._pool.execute("UPDATE bookings SET status = $2 WHERE id = $1", booking_id, status)

    async def claim_due_to_end(self, now: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                return await conn.fetch(
                    """
                    UPDATE bookings b SET status = 'returned'
                      FROM (SELECT id FROM bookings WHERE status = 'active' AND ends_at <= $1
                            LIMIT 100 FOR UPDATE SKIP LOCKED) due
                     WHERE b.id = due.id
                    RETURNING b.id, b.car_id
                    """,
                    now,
                )

    async def release_car(self, car_id: int) -> None:
        await self._pool.execute("UPDATE cars SET available = true WHERE id = $1", car_id)
