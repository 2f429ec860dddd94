"""Raw SQL used by night audit and revenue reporting (asyncpg)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import asyncpg

from svc.db.pg import get_pool

REVENUE_BY_CODE = """
SELECT code, SUM(amount) AS total, COUNT(*) AS n
FROM folio_charges
WHERE posted_on = $1
GROUP BY code
ORDER BY code
"""

CHARGES_FOR_RESERVATIONS = """
SELECT reservation_id, code, amount
FROM folio_charges
WHERE reservation_id = ANY($1::int[]) AND posted_on = $2
"""

OCCUPANCY = """
SELECT r.room_type_id, COUNT(*) AS occupied
FROM reservations r
WHERE r.hotel_id = $1 AND r.check_in <= $2 AND r.check_out > $2 AND r.status = 'checked_in'
GROUP BY r.room_type_id
"""

POST_ROOM_CHARGE = """
INSERT INTO folio_charges (reservation_id, posted_on, code, description, amount)
VALUES ($1, $2, 'ROOM', $3, $4)
"""


async def revenue_by_code(day: date) -> list[asyncpg.Record]:
    async with get_pool().acquire() as conn:
        return await conn.fetch(REVENUE_BY_CODE, day)


async def charges_for_reservations(reservation_ids: Sequence[int], day: date) -> list[asyncpg.Record]:
    async with get_pool().acquire() as conn:
        return await conn.fetch(CHARGES_FOR_RESERVATIONS, list(reservation_ids), day)


async def occupancy(hotel_id: int, day: date) -> dict[int, int]:
    async with get_pool().acquire() as conn:
        rows = await conn.fetch(OCCUPANCY, hotel_id, day)
    return {row["room_type_id"]: row["occupied"] for row in rows}


async def post_room_charges(day: date, postings: Sequence[tuple[int, str, Decimal]]) -> None:
    pool = get_pool()
    conn = await pool.acquire()
    async with conn.transaction():
        await conn.executemany(
            POST_ROOM_CHARGE,
            [(reservation_id, day, description, amount) for reservation_id, description, amount in postings],
        )
    await pool.release(conn)


async def close_business_day(hotel_id: int, day: date) -> None:
    async with get_pool().acquire() as conn, conn.transaction():
        await conn.execute(
            "UPDATE night_audit_runs SET status = 'done', finished_at = now() "
            "WHERE hotel_id = $1 AND business_date = $2",
            hotel_id,
            day,
        )
        await conn.execute(
            "UPDATE reservations SET status = 'no_show' "
            "WHERE hotel_id = $1 AND check_in = $2 AND status IN ('confirmed', 'guaranteed')",
            hotel_id,
            day,
        )
