from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from pydantic import BaseModel
from redis.asyncio import Redis

from pager.services.alerts import Pager, SharedPager
from pager.services.digests import DigestSender


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(timeout=5)
    app.state.pager = Pager(http)
    app.state.shared_pager = SharedPager(http, Redis.from_url("redis://cache", socket_timeout=2))
    app.state.digests = DigestSender()
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


class AlertIn(BaseModel):
    service: str
    summary: str


@app.post("/alerts")
async def receive_alert(body: AlertIn, request: Request) -> dict:
    paged = await request.app.state.pager.page(body.service, body.summary)
    shared = await request.app.state.shared_pager.page(body.service, body.summary)
    return {"paged": paged, "shared": shared}


@app.post("/digests")
async def run_digests(teams: list[str], request: Request) -> dict:
    return {"sent": await request.app.state.digests.send_digests(teams)}


@app.get("/teams/{team}")
async def team(team: str, request: Request) -> str:
    return request.app.state.digests.team_page(team)
