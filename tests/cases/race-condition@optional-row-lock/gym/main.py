from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from gym import booking

engine = create_async_engine("postgresql+asyncpg://localhost/gym")
Sessions = async_sessionmaker(engine)
app = FastAPI()


async def db():
    async with Sessions() as s:
        yield s


@app.post("/sessions/{session_id}/reserve")
async def reserve(session_id: int, member_id: int, s: AsyncSession = Depends(db)) -> dict:
    first = await booking.Booking(s).reserve(session_id, member_id)
    await booking.Booking(s).reserve_locked(session_id, member_id)
    return {"id": first.id}


@app.post("/sessions/{session_id}/walk-in")
async def walk_in(session_id: int, member_id: int, s: AsyncSession = Depends(db)) -> None:
    await booking.walk_in(s, session_id, member_id)
    await booking.walk_in_locked(s, session_id, member_id)
