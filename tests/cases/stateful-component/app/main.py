from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, HTTPException, Request

from app.services import ReportService


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://app@db/app", command_timeout=30)
    app.state.reports = ReportService(pool)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/reports/{user_id}")
async def build(user_id: int, request: Request) -> list:
    reports: ReportService = request.app.state.reports
    return await reports.build(user_id)


@app.get("/reports/{user_id}/latest")
async def latest(user_id: int, request: Request) -> list:
    reports: ReportService = request.app.state.reports
    found = reports.latest(user_id)
    if found is None:
        raise HTTPException(404, "build the report first")
    return found


@app.get("/users/{user_id}/name")
async def name(user_id: int, request: Request) -> dict:
    reports: ReportService = request.app.state.reports
    return {"name": await reports.name(user_id), "stats": reports.stats()}
