"""Roster queries run on the raw asyncpg pool (the planners' reports are heavy and hand-tuned)."""
from __future__ import annotations

from datetime import date, datetime

import asyncpg

ACQUIRE_TIMEOUT_S = 5


class RosterRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def shifts_for_staff(self, staff_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        sql = """
            SELECT id, staff_id, airport, starts_at, ends_at, role
            FROM roster_shifts
            WHERE staff_id = $1 AND starts_at < $3 AND ends_at > $2
            ORDER BY starts_at
        """
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(sql, staff_id, start, end)

    async def shifts_for_day(self, airport: str, start: datetime, end: datetime) -> list[asyncpg.Record]:
        sql = """
            SELECT s.id, s.staff_id, st.name, st.phone, s.starts_at, s.ends_at, s.role
            FROM roster_shifts s JOIN staff st ON st.id = s.staff_id
            WHERE s.airport = $1 AND s.starts_at >= $2 AND s.starts_at < $3
            ORDER BY s.starts_at
        """
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(sql, airport, start, end)

    async def get_swap(self, swap_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchrow(
                "SELECT id, from_shift_id, to_shift_id, status FROM shift_swaps WHERE id = $1", swap_id
            )

    async def set_swap_status(self, swap_id: int, status: str, decided_by: int) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                "UPDATE shift_swaps SET status = $2, decided_by = $3, updated_at = now() WHERE id = $1",
                swap_id, status, decided_by,
            )

    async def decline_swap(self, swap_id: int, decided_by: int) -> bool:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            row = await conn.fetchrow(
                "UPDATE shift_swaps SET status = 'DECLINED', decided_by = $2 "
                "WHERE id = $1 AND status = 'PENDING' RETURNING id",
                swap_id, decided_by,
            )
        return row is not None

    async def exchange_shifts(self, from_shift_id: int, to_shift_id: int) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    "SELECT id, staff_id FROM roster_shifts WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE",
                    [from_shift_id, to_shift_id],
                )
                owners = {r["id"]: r["staff_id"] for r in rows}
                await conn.execute(
                    "UPDATE roster_shifts SET staff_id = $2 WHERE id = $1", from_shift_id, owners[to_shift_id]
                )
                await conn.execute(
                    "UPDATE roster_shifts SET staff_id = $2 WHERE id = $1", to_shift_id, owners[from_shift_id]
                )

    async def upsert_availability(self, staff_id: int, day: date, available: bool) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute(
                """
                INSERT INTO staff_availability (staff_id, day, available) VALUES ($1, $2, $3)
                ON CONFLICT (staff_id, day) DO UPDATE SET available = EXCLUDED.available
                """,
                staff_id, day, available,
            )

    async def staff_ids_for_airport(self, airport: str) -> list[int]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            rows = await conn.fetch("SELECT id FROM staff WHERE airport = $1 ORDER BY id", airport)
        return [r["id"] for r in rows]

    async def mark_published(self, airport: str, start: datetime, end: datetime) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            result = await conn.execute(
                "UPDATE roster_shifts SET published = true "
                "WHERE airport = $1 AND starts_at >= $2 AND starts_at < $3 AND NOT published",
                airport, start, end,
            )
        return int(result.split()[-1])
