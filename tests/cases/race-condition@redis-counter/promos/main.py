"""Checkout API: promo codes with a usage cap kept in redis."""
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, Request

from promos.services.limits import PromoLimits


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis", decode_responses=True)
    app.state.limits = PromoLimits(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/promos/{code}/redeem")
async def redeem(code: str, request: Request) -> dict[str, int]:
    limits: PromoLimits = request.app.state.limits
    await limits.redeem(code, 100)
    await limits.redeem_atomic(code, 100)
    await limits.redeem_per_user(code, "u1")
    return {"left": await limits.remaining(code, 100)}
