import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from redis.asyncio import Redis

from grid.clients.weather import WeatherClient
from grid.services.caches import Ranking, SiteCache
from grid.services.lobby import Badges, Lobby
from grid.services.pricing import PricingService
from grid.workers.planner import Planner
from grid.workers.refresher import Refresher


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://weather.internal", timeout=3.0)
    redis = Redis.from_url("redis://cache", socket_timeout=1.0)
    weather = WeatherClient(http)
    app.state.pricing = PricingService(weather)
    app.state.sites = SiteCache(redis, app.state.db)
    app.state.ranking = Ranking(redis, app.state.db)
    app.state.lobby = Lobby(redis, app.state.db, app.state.billing)
    app.state.badges = Badges(redis, app.state.db)
    task = asyncio.create_task(Planner(weather, ["north", "south"]).run())
    admit = asyncio.create_task(app.state.lobby.admit_forever())
    refresh = asyncio.create_task(Refresher(weather, ["north", "south"]).run())
    yield
    for running in (task, admit, refresh):
        running.cancel()
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/quote/{zone}")
async def quote(zone: str, kwh: float, request: Request) -> dict:
    return {"price": await request.app.state.pricing.quote(zone, kwh)}


@app.get("/sites/{site_id}")
async def site(site_id: int, request: Request) -> dict:
    return await request.app.state.sites.site(site_id)


@app.get("/meters/{meter_id}")
async def meter(meter_id: int, request: Request) -> dict:
    return await request.app.state.sites.meter(meter_id)


@app.post("/sites/{site_id}/visits")
async def visit(site_id: int, request: Request) -> dict:
    return {"visits": await request.app.state.sites.bump_visits(site_id)}


@app.get("/ranking")
async def ranking(request: Request) -> list:
    return await request.app.state.ranking.top(10)


@app.get("/ranking/{member}")
async def around(member: str, request: Request) -> list:
    return await request.app.state.ranking.around(member)


@app.get("/lobby/{room}/position/{player}")
async def lobby_position(room: str, player: str, request: Request) -> dict:
    return {"position": await request.app.state.lobby.position(room, player)}


@app.post("/lobby/{room}/submissions")
async def lobby_submit(room: str, payload: dict, request: Request) -> dict:
    return {"id": await request.app.state.lobby.submit(room, payload)}


@app.post("/lobby/checkout/{player}/{item}")
async def lobby_checkout(player: str, item: str, request: Request) -> dict:
    return {"url": await request.app.state.lobby.checkout(player, item)}


@app.get("/lobby/devices/{device}")
async def lobby_device(device: str, token: str, request: Request) -> dict:
    return {"ok": await request.app.state.lobby.authorise(device, token)}


@app.post("/lobby/{room}/demand")
async def lobby_demand(room: str, request: Request) -> dict:
    return {"levels": await request.app.state.lobby.fold_demand(room)}


@app.post("/lobby/rollup")
async def lobby_rollup(request: Request) -> dict:
    return {"done": await request.app.state.lobby.roll_up()}


@app.get("/badges/{player}")
async def badges(player: str, request: Request) -> list:
    return await request.app.state.badges.badges(player)
