from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI, Request

import httpx

from slopes.conditions import Conditions
from slopes.lifts import LiftFeed
from slopes.snow import SnowReports
from slopes.status import StatusService


@asynccontextmanager
async def lifespan(app: FastAPI):
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=4))
    http = httpx.AsyncClient(base_url="https://snow.example", timeout=3.0)
    app.state.status = StatusService(LiftFeed(session))
    app.state.conditions = Conditions(SnowReports(http))
    yield
    await session.close()
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/lifts/{lift_id}/queue")
async def queue(lift_id: str, request: Request) -> dict:
    return await request.app.state.status.queue_length(lift_id)


@app.get("/lifts/{lift_id}/wind")
async def wind(lift_id: str, request: Request) -> dict:
    return await request.app.state.status.wind(lift_id)


@app.get("/lifts/{lift_id}/hours")
async def hours(lift_id: str, request: Request) -> dict:
    return await request.app.state.status.hours(lift_id)


@app.get("/areas/{area}/forecast")
async def forecast(area: str, request: Request) -> dict:
    return await request.app.state.conditions.forecast_panel(area)


@app.get("/areas/{area}/depth")
async def depth(area: str, request: Request) -> dict:
    return await request.app.state.conditions.depth_panel(area)
