from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Request

from ledger.service import Ledger


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://ledger@db/ledger", command_timeout=10)
    app.state.ledger = Ledger(pool)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/close")
async def close(request: Request) -> dict:
    ledger: Ledger = request.app.state.ledger
    return {"closed": await ledger.close_day(), "again": await ledger.close_day_safely()}


@app.post("/reserve")
async def reserve(request: Request) -> None:
    ledger: Ledger = request.app.state.ledger
    conn = await ledger.reserve()
    await request.app.state.ledger._pool.release(conn)
