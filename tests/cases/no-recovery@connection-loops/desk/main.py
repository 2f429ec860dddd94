import asyncio

import asyncpg
from fastapi import FastAPI, WebSocket

from desk.channels import open_channel, start_background_watch, start_status
from desk.store import TicketStore
from desk.transport import BridgeTransport, CallEventsFeed

app = FastAPI()
state: dict = {}


class EventSink:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, event: dict) -> None:
        await self._pool.execute("INSERT INTO call_events (payload) VALUES ($1)", event)


@app.on_event("startup")
async def startup() -> None:
    pool = await asyncpg.create_pool("postgresql://desk@db/desk", command_timeout=10)
    state["store"] = TicketStore(pool)
    state["bridge"] = BridgeTransport("wss://bridge.internal/events")
    await state["bridge"].connect()
    CallEventsFeed("wss://bridge.internal/calls", EventSink(pool)).start()


@app.websocket("/ws/agent/{agent_id}")
async def agent_socket(websocket: WebSocket, agent_id: str) -> None:
    await websocket.accept()
    channel, loops = await open_channel(websocket, agent_id, state["store"])
    try:
        done, pending = await asyncio.wait(loops, return_when=asyncio.FIRST_COMPLETED)
    finally:
        channel.is_open = False
        for task in loops:
            task.cancel()


@app.websocket("/ws/agent/{agent_id}/legacy")
async def legacy_socket(websocket: WebSocket, agent_id: str) -> None:
    await websocket.accept()
    channel, _ = await open_channel(websocket, agent_id, state["store"])
    start_background_watch(channel, state["store"])
    start_status(channel, state["store"])
    while True:
        await websocket.receive_text()
