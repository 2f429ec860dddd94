"""The feed service."""
import asyncio
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, Request, WebSocket
from fastapi.responses import JSONResponse

from feed import ops
from feed.limits import MemoryLimiter, RedisLimiter
from feed.live import AnnouncementHub, FeedHub


@asynccontextmanager
async def lifespan(app: FastAPI):
    cache = redis.Redis(host="cache", socket_timeout=2)
    app.state.cache = cache
    app.state.feed = FeedHub()
    app.state.announcements = AnnouncementHub(cache)
    app.state.limiter = MemoryLimiter(limit=100)
    app.state.upload_limiter = RedisLimiter(cache, limit=10)
    tasks = [asyncio.create_task(app.state.feed.fan_out()), asyncio.create_task(app.state.announcements.relay())]
    yield
    for task in tasks:
        task.cancel()
    await cache.aclose()


app = FastAPI(lifespan=lifespan)
app.include_router(ops.router)


@app.middleware("http")
async def maintenance_gate(request: Request, call_next):
    ops.count_request()
    if ops.maintenance_state()["enabled"] and request.method != "GET":
        return JSONResponse({"error": "maintenance"}, status_code=503)
    return await call_next(request)


@app.post("/posts")
async def create_post(post: dict, request: Request) -> dict:
    await request.app.state.limiter.hit(post["author"])
    request.app.state.feed.publish(post)
    return {"accepted": True}


@app.post("/uploads")
async def upload(author: str, request: Request) -> dict:
    await request.app.state.upload_limiter.hit(author)
    return {"accepted": True}


@app.post("/announcements")
async def announce(payload: dict, request: Request) -> dict:
    await request.app.state.cache.publish("announcements", str(payload))
    return {"queued": True}


@app.websocket("/ws/feed/{author}")
async def feed_socket(websocket: WebSocket, author: str) -> None:
    await websocket.accept()
    websocket.app.state.feed.follow(author, websocket)


@app.websocket("/ws/announcements")
async def announcement_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    websocket.app.state.announcements.join(websocket)
