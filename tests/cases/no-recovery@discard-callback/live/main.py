"""Live dashboard service: pub/sub pumps per campaign and a scan consumer."""
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, WebSocket

from live.hub import Hub
from live.ingest import ScanIngestor

@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis", socket_timeout=5)
    app.state.hub = Hub(client)
    app.state.ingestor = ScanIngestor(client)
    app.state.ingestor.start()
    yield
    await app.state.ingestor.stop()
    await app.state.hub.close()


app = FastAPI(lifespan=lifespan)


@app.websocket("/ws/{campaign_id}")
async def follow(websocket: WebSocket, campaign_id: int) -> None:
    await websocket.accept()
    await websocket.app.state.hub.follow(campaign_id)


@app.post("/scans")
async def scans(events: list[dict]) -> dict:
    return {"queued": await app.state.ingestor.submit(events)}
