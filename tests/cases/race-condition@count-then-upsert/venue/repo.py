import asyncpg
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from venue.db import fetch_rows
from venue.models import Seat


class SeatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def taken(self, show_id: int) -> int:
        result = await self._session.execute(select(func.count()).select_from(Seat).where(Seat.show_id == show_id))
        return int(result.scalar_one())

    async def find(self, show_id: int, guest: str) -> Seat | None:
        result = await self._session.execute(select(Seat).where(Seat.show_id == show_id, Seat.guest == guest))
        return result.scalar_one_or_none()

    async def add(self, show_id: int, guest: str) -> None:
        await self._session.execute(insert(Seat).values(show_id=show_id, guest=guest).on_conflict_do_nothing())
        await self._session.commit()


class TableRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def count_booked(self, table_id: int) -> int:
        rows = await fetch_rows(self._pool, "SELECT count(*) AS n FROM bookings WHERE table_id = $1 AND status = 'booked'",
                                table_id)
        return int(rows[0]["n"])

    async def book(self, table_id: int, guest_id: int) -> None:
        await fetch_rows(self._pool, "INSERT INTO bookings (table_id, guest_id, status) VALUES ($1, $2, 'booked') "
                                     "ON CONFLICT (table_id, guest_id) DO UPDATE SET status = 'booked'",
                         table_id, guest_id)
