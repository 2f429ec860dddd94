import asyncio
import time
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, HTTPException, Request, WebSocket

from app.hub import Hub, relay

_attempts: dict[str, list[float]] = {}  # expect: horizontal-scaling-blocker
_seen: dict[str, float] = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    cache = redis.Redis(host="cache", socket_connect_timeout=2)
    app.state.cache = cache
    app.state.hub = Hub()
    task = asyncio.create_task(relay(app.state.hub, cache))
    yield
    task.cancel()
    await cache.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/login/{user}")
async def login(user: str) -> dict:
    now = time.monotonic()
    recent = [t for t in _attempts.get(user, []) if now - t < 60]
    if len(recent) >= 5:
        raise HTTPException(429, "too many attempts")
    recent.append(now)
    _attempts[user] = recent
    _seen[user] = now
    return {"ok": True}


@app.post("/announce")
async def announce(message: dict, request: Request) -> dict:
    hub: Hub = request.app.state.hub
    await hub.notify_all(message)  # expect: horizontal-scaling-blocker
    return {"sent": True}


@app.post("/announce/all")
async def announce_all(message: dict, request: Request) -> dict:
    await request.app.state.cache.publish("announcements", str(message))
    return {"queued": True}


@app.websocket("/ws/{user}")
async def socket(websocket: WebSocket, user: str) -> None:
    await websocket.accept()
    hub: Hub = websocket.app.state.hub
    hub.join(user, websocket)
