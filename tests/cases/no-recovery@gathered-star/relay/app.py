"""Two relays started for one socket pair and gathered by their starter, beside a lifespan
poller nobody watches: only the poller's death goes unnoticed."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator

import httpx
from fastapi import FastAPI, WebSocket


async def poll_rates(client: httpx.AsyncClient) -> None:
    while True:
        await client.get("/rates")  # expect: no-recovery
        await asyncio.sleep(60)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    poller = asyncio.create_task(poll_rates(httpx.AsyncClient()))
    try:
        yield
    finally:
        poller.cancel()


app = FastAPI(lifespan=lifespan)
upstreams: dict[str, WebSocket] = {}


async def relay(source: WebSocket, target: WebSocket) -> None:
    while True:
        frame = await source.receive_bytes()
        await target.send_bytes(frame)


@app.websocket("/tunnel/{name}")
async def tunnel(socket: WebSocket, name: str) -> None:
    await socket.accept()
    upstream = upstreams[name]
    relays = [asyncio.create_task(relay(socket, upstream)), asyncio.create_task(relay(upstream, socket))]
    await asyncio.gather(*relays)


async def mirror(source: WebSocket, targets: list[WebSocket]) -> None:
    while True:
        frame = await source.receive_bytes()
        for target in targets:
            await target.send_bytes(frame)


@app.websocket("/fanout/{name}")
async def fanout(socket: WebSocket, name: str) -> None:
    await socket.accept()
    mirrors = []
    for upstream in upstreams.values():
        mirrors.append(asyncio.create_task(mirror(upstream, [socket])))
    await asyncio.gather(*mirrors)
