"""Tasks started for one request or socket and cancelled when it ends, beside a lifespan task that
lives for the process: only the latter is a worker whose death goes unnoticed."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator

import httpx
from fastapi import FastAPI, Request, WebSocket
from fastapi.responses import StreamingResponse


async def refresh_prices(client: httpx.AsyncClient) -> None:
    while True:
        await client.get("/prices")  # expect: no-recovery
        await asyncio.sleep(30)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(refresh_prices(httpx.AsyncClient()))
    try:
        yield
    finally:
        task.cancel()


app = FastAPI(lifespan=lifespan)


class BoardSession:
    """One browser tab's socket: a sender task drains its outbox while the handler reads."""

    def __init__(self, socket: WebSocket) -> None:
        self.socket = socket
        self.outbox: asyncio.Queue[str] = asyncio.Queue()

    async def _push(self) -> None:
        try:
            while True:
                note = await self.outbox.get()
                await self.socket.send_text(note)
        except Exception as exc:
            print("sender stopped", exc)

    async def serve(self) -> None:
        sender = asyncio.create_task(self._push())
        try:
            while True:
                note = await self.socket.receive_text()
                await self.outbox.put(note.upper())
        finally:
            sender.cancel()


@app.websocket("/board")
async def board(socket: WebSocket) -> None:
    await socket.accept()
    await BoardSession(socket).serve()


async def until_disconnect(request: Request) -> None:
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


@app.get("/events")
async def events(request: Request) -> StreamingResponse:
    async def stream() -> AsyncIterator[str]:
        watcher = asyncio.create_task(until_disconnect(request))
        try:
            for n in range(10):
                yield f"data: {n}\n\n"
                await asyncio.sleep(1)
        finally:
            watcher.cancel()

    return StreamingResponse(stream(), media_type="text/event-stream")
