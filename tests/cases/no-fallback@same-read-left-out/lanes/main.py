import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, HTTPException, Request

from lanes.carriers import CarrierClient
from lanes.pricing import PricingService
from lanes.rates import RatesClient
from lanes.refresher import refresh_forever


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://rates.example.com", timeout=5.0)
    rates = RatesClient(http)
    app.state.pricing = PricingService(rates)
    task = asyncio.create_task(refresh_forever(rates))
    app.state.carriers = CarrierClient(http)
    yield
    task.cancel()
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/suggest")
async def suggest(origin: str, dest: str, miles: int, request: Request) -> dict:
    return {"max": await request.app.state.pricing.suggest(origin, dest, miles)}


@app.get("/quote")
async def quote(origin: str, dest: str, miles: int, request: Request) -> dict:
    return {"price": await request.app.state.pricing.quote(origin, dest, miles)}


@app.get("/strict-quote")
async def strict_quote(origin: str, dest: str, miles: int, request: Request) -> dict:
    try:
        return {"price": await request.app.state.pricing.strict_quote(origin, dest, miles)}
    except httpx.HTTPError as exc:
        raise HTTPException(503, "market rates unavailable") from exc


@app.post("/usage")
async def usage(units: int, request: Request) -> dict:
    await request.app.state.pricing.record(units)
    return {"ok": True}


@app.get("/carriers/{carrier_id}")
async def carrier(carrier_id: int, request: Request) -> dict:
    return await request.app.state.carriers.carrier(carrier_id)
