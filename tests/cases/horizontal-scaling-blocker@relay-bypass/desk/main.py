import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket
from redis.asyncio import Redis

from desk import tickets
from desk.hub import hub, relay

redis = Redis(host="cache", socket_timeout=2)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(relay(redis))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/tickets/{ticket_id}/assign/{agent_id}")
async def assign(ticket_id: int, agent_id: int) -> dict:
    await tickets.assign(redis, ticket_id, agent_id)
    return {"ok": True}


@app.post("/tickets/{ticket_id}/escalate/{agent_id}")
async def escalate(ticket_id: int, agent_id: int) -> dict:
    await tickets.escalate(redis, ticket_id, agent_id)
    return {"ok": True}


@app.websocket("/ws/{agent_id}")
async def socket(ws: WebSocket, agent_id: int) -> None:
    await ws.accept()
    hub.attach(agent_id, ws)
    while True:
        await ws.receive_text()
