from datetime import datetime

import asyncpg
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from bays import queue
from bays.repo import BookingRepository

engine = create_async_engine("postgresql+asyncpg://localhost/bays")
Sessions = async_sessionmaker(engine)
app = FastAPI()
pool: asyncpg.Pool = None


@app.post("/bays/{bay_id}/book")
async def book(bay_id: int, starts: datetime, ends: datetime) -> dict:
    async with Sessions() as session, session.begin():
        repo = BookingRepository(session)
        if await repo.bay_is_free(bay_id, starts, ends):  # expect: race-condition
            booking = await repo.book(bay_id, starts, ends)
            return {"id": booking.id}
    return {"id": None}


@app.post("/bays/{bay_id}/note")
async def note(bay_id: int, starts: datetime, ends: datetime) -> dict:
    async with Sessions() as session, session.begin():
        repo = BookingRepository(session)
        if await repo.bay_is_free(bay_id, starts, ends):
            await repo.note(f"bay {bay_id} free")
    return {"ok": True}


@app.post("/branches/{branch_id}/queue")
async def join(branch_id: int, ticket_id: int) -> dict:
    return {"id": await queue.enqueue(pool, branch_id, ticket_id),
            "seq": await queue.enqueue_sequenced(pool, branch_id, ticket_id)}
