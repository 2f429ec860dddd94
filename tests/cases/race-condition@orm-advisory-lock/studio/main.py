from datetime import datetime

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from .bookings import book_for_member, book_room, book_room_serialised

app = FastAPI()


async def get_session() -> AsyncSession:
    raise NotImplementedError


@app.post("/rooms/{room}/bookings")
async def create(room: str, starts_at: datetime, member_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    first = await book_room(session, room, starts_at, member_id)
    second = await book_for_member(session, room, starts_at, member_id)
    third = await book_room_serialised(session, room, starts_at, member_id)
    return {"ids": [first.id, second.id, third.id]}
