"""Releasing seats by (guest, table) pairs, scoped to a venue."""
from __future__ import annotations

from sqlalchemy import select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Seat


async def release(session: AsyncSession, venue_id: str, pairs: list[tuple[str, str]]) -> int:
    result = await session.execute(
        update(Seat)
        .where(
            tuple_(Seat.guest_id, Seat.table_id).in_(pairs),
            Seat.released == False,  # noqa: E712
            Seat.venue_id == venue_id,
        )
        .values(released=True)
    )
    return result.rowcount


async def seats_in_venue(session: AsyncSession, venue_id: str) -> list[Seat]:
    return list(await session.scalars(select(Seat).where(Seat.venue_id == venue_id)))  # expect: missing-index
