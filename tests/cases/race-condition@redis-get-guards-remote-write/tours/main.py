import aiohttp
from fastapi import FastAPI
from redis.asyncio import Redis

from .clients.charges import ChargeApi
from .holds import HoldService

app = FastAPI()
service = HoldService(Redis(), ChargeApi("token"), aiohttp.ClientSession())


@app.post("/tours/{tour_id}/hold")
async def hold(tour_id: int, cents: int) -> dict:
    return await service.hold_for(tour_id, cents)


@app.post("/tours/{tour_id}/guide")
async def guide(tour_id: int, name: str) -> dict:
    return {"slot": await service.reserve_guide(tour_id, name)}


@app.get("/tours/{tour_id}/forecast")
async def forecast(tour_id: int) -> dict:
    return await service.forecast(tour_id)


@app.post("/tours/{tour_id}/hold-claimed")
async def hold_claimed(tour_id: int, cents: int) -> dict:
    return {"hold": await service.hold_claimed(tour_id, cents)}


@app.get("/tours/{tour_id}/rates")
async def rates(tour_id: int, party: int) -> dict:
    return await service.rates(tour_id, party)
