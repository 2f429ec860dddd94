from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import InventoryHold


async def held_quantity(session: AsyncSession, hotel_id: int, room_type_id: int, day: date, now: datetime) -> int:
    stmt = select(func.coalesce(func.sum(InventoryHold.quantity), 0)).where(
        InventoryHold.hotel_id == hotel_id,
        InventoryHold.room_type_id == room_type_id,
        InventoryHold.check_in <= day,
        InventoryHold.check_out > day,
        InventoryHold.released.is_(False),
        InventoryHold.expires_at > now,
    )
    return int(await session.scalar(stmt) or 0)


async def create(session: AsyncSession, hold: InventoryHold) -> InventoryHold:
    session.add(hold)
    await session.flush()
    return hold


async def by_session(session: AsyncSession, token: str) -> Sequence[InventoryHold]:
    stmt = select(InventoryHold).where(InventoryHold.session_token == token, InventoryHold.released.is_(False))
    return (await session.scalars(stmt)).all()


async def expired(session: AsyncSession, now: datetime, limit: int = 500) -> Sequence[InventoryHold]:
    stmt = (
        select(InventoryHold)
        .where(InventoryHold.expires_at < now, InventoryHold.released.is_(False))
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


async def release(session: AsyncSession, hold_ids: Sequence[int]) -> int:
    if not hold_ids:
        return 0
    result = await session.execute(
        update(InventoryHold).where(InventoryHold.id.in_(hold_ids)).values(released=True)
    )
    return result.rowcount or 0
