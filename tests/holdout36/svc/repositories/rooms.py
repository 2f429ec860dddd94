from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from svc.db.models import Room, RoomType


async def list_rooms(session: AsyncSession, hotel_id: int) -> Sequence[Room]:
    stmt = (
        select(Room)
        .options(joinedload(Room.room_type))
        .where(Room.hotel_id == hotel_id)
        .order_by(Room.floor, Room.number)
    )
    return (await session.scalars(stmt)).all()


async def get_room(session: AsyncSession, room_id: int) -> Room | None:
    return await session.get(Room, room_id)


async def rooms_by_ids(session: AsyncSession, room_ids: Sequence[int]) -> dict[int, Room]:
    if not room_ids:
        return {}
    rows = await session.scalars(select(Room).where(Room.id.in_(room_ids)))
    return {room.id: room for room in rows}


async def set_hk_status(session: AsyncSession, room_id: int, status: str) -> None:
    await session.execute(update(Room).where(Room.id == room_id).values(hk_status=status))


async def room_types(session: AsyncSession, hotel_id: int) -> Sequence[RoomType]:
    stmt = select(RoomType).where(RoomType.hotel_id == hotel_id).order_by(RoomType.code)
    return (await session.scalars(stmt)).all()


async def room_type(session: AsyncSession, room_type_id: int) -> RoomType | None:
    return await session.get(RoomType, room_type_id)
