"""Depot API: starts both jobs in the lifespan."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text

from depot.db import SessionLocal
from depot.workers import ReservationSweeper, StockAuditor


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.sweeper = asyncio.create_task(ReservationSweeper().run(), name="sweeper")
    app.state.auditor = asyncio.create_task(StockAuditor(interval=120).run(), name="auditor")
    yield
    for task in (app.state.sweeper, app.state.auditor):
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/items/{item_id}")
async def item(item_id: int) -> dict:
    async with SessionLocal() as session:
        row = (await session.execute(text("SELECT name FROM items WHERE id = :id"), {"id": item_id})).first()
    return {"name": row.name if row else None}
