from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket
from redis.asyncio import Redis

from kiosk.screens import ArrivalBoard, Screen, WeatherBoard

redis = Redis.from_url("redis://cache:6379/0")
arrivals = ArrivalBoard()
weather = WeatherBoard(redis)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(weather.relay())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/venues/{venue_id}/arrivals")
async def record_arrival(venue_id: int, guest: str) -> dict:
    arrivals.publish(venue_id, {"type": "arrival", "guest": guest})
    return {"ok": True}


@app.websocket("/ws/screens/{venue_id}")
async def screen_socket(ws: WebSocket, venue_id: int) -> None:
    await ws.accept()
    screen = Screen(ws, venue_id)
    key = id(screen)
    arrivals.add(key, screen)
    weather.add(key, screen)
    try:
        await screen.pump()
    finally:
        arrivals.remove(key)
        weather.remove(key)
