"""Routes; one handler still opens its own client to the same store."""
from fastapi import APIRouter, Request
from redis.asyncio import Redis

from feed.store import PRESENCE_REDIS_URL

router = APIRouter()


@router.post("/rooms/{room}/ping")
async def ping(room: str, user: str) -> dict:
    client = Redis.from_url(PRESENCE_REDIS_URL, socket_timeout=1.0)
    try:
        await client.sadd(f"room:{room}", user)
    finally:
        await client.aclose()
    return {"ok": True}


@router.get("/rooms/{room}")
async def members(room: str, request: Request) -> list:
    presence: Redis = request.app.state.presence
    return sorted(await presence.smembers(f"room:{room}"))


@router.delete("/rooms/{room}/{user}")
async def leave(room: str, user: str, request: Request) -> dict:
    presence: Redis = request.app.state.presence
    await presence.srem(f"room:{room}", user)
    return {"ok": True}
