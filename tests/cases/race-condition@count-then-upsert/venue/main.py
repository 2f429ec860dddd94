import asyncpg
from fastapi import FastAPI, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from venue.repo import SeatRepository, TableRepository

app = FastAPI()
CAPACITY = 100
TABLE_SEATS = 8


@app.post("/shows/{show_id}/seats")
async def take_seat(show_id: int, guest: str, session: AsyncSession) -> dict:
    repo = SeatRepository(session)
    taken = await repo.taken(show_id)
    if taken >= CAPACITY:  # expect: race-condition
        raise HTTPException(409, "sold out")
    await repo.add(show_id, guest)
    return {"ok": True}


@app.post("/shows/{show_id}/guests")
async def add_guest(show_id: int, guest: str, session: AsyncSession) -> dict:
    repo = SeatRepository(session)
    if await repo.find(show_id, guest) is None:  # an upsert makes the existence check harmless
        await repo.add(show_id, guest)
    return {"ok": True}


@app.post("/tables/{table_id}/book")
async def book_table(table_id: int, guest_id: int, pool: asyncpg.Pool) -> dict:
    tables = TableRepository(pool)
    booked = await tables.count_booked(table_id)
    if booked >= TABLE_SEATS:  # expect: race-condition
        raise HTTPException(409, "table full")
    await tables.book(table_id, guest_id)
    return {"ok": True}
