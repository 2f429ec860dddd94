from fastapi import FastAPI
from redis.asyncio import Redis

from fleet.caches import DriverCache, EtaCache, RouteCache
from fleet.repo import FleetRepo
from fleet.services import DriverService, EtaService, RouteService

app = FastAPI()
redis = Redis.from_url("redis://cache:6379/0", socket_timeout=1.0)
repo = FleetRepo()
etas = EtaService(EtaCache(redis, 30), repo)
drivers = DriverService(DriverCache(redis), repo)
routes = RouteService(RouteCache(redis, 600), repo)


@app.get("/depots/{depot}/eta")
async def depot_eta(depot: str) -> dict:
    return await etas.eta_for(depot)


@app.get("/drivers/{driver_id}")
async def driver(driver_id: int) -> dict:
    return await drivers.profile(driver_id)


@app.get("/routes/{route_id}")
async def route(route_id: int) -> dict:
    return await routes.route(route_id)
