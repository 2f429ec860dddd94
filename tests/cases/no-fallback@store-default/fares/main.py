from fastapi import FastAPI
from redis import asyncio as aioredis

from fares.multipliers import MultiplierStore, SessionStore

app = FastAPI()
client = aioredis.from_url("redis://cache.internal:6379/0", socket_timeout=1)
multipliers = MultiplierStore(client)
sessions = SessionStore(client)


@app.get("/quote/{zone}")
async def quote(zone: str, base: float) -> dict:
    return {"fare": float(await multipliers.for_quote(zone)) * base}


@app.get("/zones/{zone}")
async def zone_info(zone: str) -> dict:
    return {"multiplier": str(await multipliers.for_display(zone))}


@app.get("/me")
async def me(token: str) -> dict:
    return {"user": await sessions.user_of(token), "ttl": await sessions.expiry_of(token)}
