import asyncio

from fastapi import Depends, FastAPI, Header, HTTPException, WebSocket, WebSocketDisconnect

app = FastAPI()


async def require_staff(authorization: str = Header("")) -> str:
    if not authorization:
        raise HTTPException(401)
    return authorization


class Feed:
    def __init__(self) -> None:
        self._queues: dict[int, set[asyncio.Queue]] = {}

    def subscribe(self, site_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=10)
        self._queues.setdefault(site_id, set()).add(queue)
        return queue

    def unsubscribe(self, site_id: int, queue: asyncio.Queue) -> None:
        self._queues.get(site_id, set()).discard(queue)


class Stats:
    async def for_site(self, site_id: int) -> dict:
        return {"site": site_id}


feed = Feed()
stats = Stats()


@app.get("/sites/{site_id}/stats")
async def site_stats(site_id: int) -> dict:
    return await stats.for_site(site_id)


@app.get("/sites/{site_id}/audit")
async def site_audit(site_id: int, staff: str = Depends(require_staff)) -> dict:
    return {"site": site_id, "by": staff}


async def _forward(websocket: WebSocket, site_id: int) -> None:
    while True:
        await asyncio.sleep(1)
        await websocket.send_json({"site": site_id})


@app.websocket("/ws/admin/sites/{site_id}/doors")
async def door_events(websocket: WebSocket, site_id: int) -> None:
    await websocket.accept()  # expect: websocket-lifecycle
    pump = asyncio.create_task(_forward(websocket, site_id))  # expect: websocket-lifecycle
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass


@app.websocket("/ws/sites/{site_id}/stats")
async def stats_feed(websocket: WebSocket, site_id: int) -> None:
    # public by design: the same data GET /sites/{site_id}/stats serves to anyone
    await websocket.accept()
    queue = feed.subscribe(site_id)
    pump = asyncio.create_task(_forward(websocket, site_id))
    try:
        await websocket.send_json(await stats.for_site(site_id))
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        feed.unsubscribe(site_id, queue)
