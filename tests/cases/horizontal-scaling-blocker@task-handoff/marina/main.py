import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, WebSocket
from redis.asyncio import Redis

from marina.live import Harbour


@asynccontextmanager
async def lifespan(app: FastAPI):
    harbour = Harbour(redis=Redis.from_url("redis://cache", socket_timeout=2))
    app.state.harbour = harbour
    relay = asyncio.create_task(harbour.tides.relay(harbour.redis))
    yield
    relay.cancel()


app = FastAPI(lifespan=lifespan)


def harbour_of(request: Request) -> Harbour:
    return request.app.state.harbour


@app.post("/berths/{berth_id}/arrival")
async def arrival(berth_id: int, vessel: str, request: Request) -> dict:
    harbour: Harbour = request.app.state.harbour
    asyncio.create_task(harbour.berths.push(berth_id, {"arrived": vessel}))
    return {"ok": True}


@app.post("/weather/warnings")
async def weather_warning(level: str, request: Request) -> dict:
    harbour: Harbour = request.app.state.harbour
    asyncio.create_task(harbour.weather.announce({"level": level}))
    return {"ok": True}


@app.post("/tides")
async def tide(height: float, request: Request) -> dict:
    harbour: Harbour = request.app.state.harbour
    await harbour.redis.publish("tides", str(height))
    return {"ok": True}


@app.websocket("/ws/berths/{berth_id}")
async def berth_screen(ws: WebSocket, berth_id: int) -> None:
    await ws.accept()
    harbour: Harbour = ws.app.state.harbour
    viewer = harbour.berths.watch(berth_id)
    try:
        while True:
            await ws.send_json(await viewer.inbox.get())
    finally:
        harbour.berths.unwatch(viewer)


@app.websocket("/ws/weather")
async def weather_screen(ws: WebSocket) -> None:
    await ws.accept()
    harbour: Harbour = ws.app.state.harbour
    harbour.weather.add(ws)
    harbour.tides.add(ws)
    while True:
        await ws.receive_text()
