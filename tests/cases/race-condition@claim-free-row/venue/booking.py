from fastapi import APIRouter, Depends, FastAPI, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from venue.seats import SeatRepository

engine = create_async_engine("postgresql+asyncpg://localhost/venue")
Sessions = async_sessionmaker(engine)
router = APIRouter()


async def session():
    async with Sessions() as s:
        yield s


@router.post("/sections/{section}/book")
async def book(section: str, holder_id: int, s: AsyncSession = Depends(session)) -> dict:
    seats = SeatRepository(s)
    seat = await seats.first_open(section)  # expect: race-condition
    if seat is None:
        raise HTTPException(409, "sold out")
    await seats.give(seat.id, holder_id)
    await s.commit()
    return {"seat": seat.id}


@router.post("/sections/{section}/book-locked")
async def book_locked(section: str, holder_id: int, s: AsyncSession = Depends(session)) -> dict:
    seats = SeatRepository(s)
    seat = await seats.first_open_locked(section)
    if seat is None:
        raise HTTPException(409, "sold out")
    await seats.give(seat.id, holder_id)
    await s.commit()
    return {"seat": seat.id}


@router.post("/sections/{section}/book-checked")
async def book_checked(section: str, holder_id: int, s: AsyncSession = Depends(session)) -> dict:
    seats = SeatRepository(s)
    seat = await seats.first_open(section)
    if seat is None or not await seats.give_if_open(seat.id, holder_id):
        raise HTTPException(409, "sold out")
    await s.commit()
    return {"seat": seat.id}


app = FastAPI()
app.include_router(router)
