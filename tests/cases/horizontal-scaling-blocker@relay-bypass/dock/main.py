import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, WebSocket
from redis.asyncio import Redis

from dock.notify import captains, follow_stream, poll_etas


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://dock@db/dock", command_timeout=10)
    redis = Redis(host="cache", socket_timeout=10)
    tasks = [asyncio.create_task(follow_stream(redis)), asyncio.create_task(poll_etas(pool))]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/{vessel}")
async def bridge(ws: WebSocket, vessel: str) -> None:
    await ws.accept()
    captains.add(vessel, ws)
    while True:
        await ws.receive_text()
