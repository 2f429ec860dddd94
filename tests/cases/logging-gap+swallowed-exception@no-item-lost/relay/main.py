"""Relay API: starts the forwarding worker and the socket keep-alive with the app."""
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from relay.worker import Forwarder


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="http://relay-core", timeout=10)
    forwarder = Forwarder(http)
    app.state.forwarder = forwarder
    tasks = [asyncio.create_task(forwarder.run()), asyncio.create_task(forwarder.socket_ping_loop())]
    yield
    await forwarder.stop(tasks[0])
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/messages")
async def publish(message: dict) -> dict:
    app.state.forwarder.queue.put_nowait(message)
    return {"queued": True}
