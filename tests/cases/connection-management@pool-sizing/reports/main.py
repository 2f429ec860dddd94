"""Reports API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from reports.db import open_pool


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await open_pool()
    yield
    await app.state.pool.close()


app = FastAPI(title="reports", lifespan=lifespan)


@app.get("/reports/daily")
async def daily(request: Request) -> list[dict]:
    rows = await request.app.state.pool.fetch("SELECT day, total FROM daily_totals ORDER BY day DESC LIMIT 30")
    return [dict(row) for row in rows]
