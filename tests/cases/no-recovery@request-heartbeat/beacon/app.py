"""Per-client tasks of an SSE feed: a keep-alive closure the stream starts and cancels on every way
it ends (a disconnect, the last message, the cancellation a dropped client raises into it), and a
disconnect watcher cancelled through a helper in the stream's `finally`. Each lives as long as one
client's stream. The rate poller the lifespan starts lives for the process: it is the worker that
stops for good on its first error."""
from __future__ import annotations

import asyncio
import contextlib
from contextlib import asynccontextmanager
from typing import AsyncIterator

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse


async def poll_rates(client: httpx.AsyncClient) -> None:
    while True:
        await client.get("/rates")  # expect: no-recovery
        await asyncio.sleep(60)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    poller = asyncio.create_task(poll_rates(httpx.AsyncClient()))
    yield
    poller.cancel()


app = FastAPI(lifespan=lifespan)


async def stop_task(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def until_gone(request: Request) -> None:
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def _feed(request: Request, board: str) -> StreamingResponse:
    hub = request.app.state.hub
    interval = hub.keepalive_seconds

    async def keepalive() -> None:
        while hub.open:
            await asyncio.sleep(interval)
            outbox = hub.outboxes.get(board)
            if outbox:
                await outbox.put(": keep-alive\n\n")

    async def stream() -> AsyncIterator[str]:
        ticker = asyncio.create_task(keepalive())
        try:
            while True:
                if await request.is_disconnected():
                    ticker.cancel()
                    return
                line = await hub.outboxes[board].get()
                yield line
                if line.startswith("event: closed"):
                    ticker.cancel()
                    return
        except BaseException:
            ticker.cancel()
            raise

    return StreamingResponse(stream(), media_type="text/event-stream")


@app.get("/boards/{board}/feed")
async def board_feed(request: Request, board: str) -> StreamingResponse:
    return await _feed(request, board)


@app.get("/boards/{board}/snapshot")
async def board_snapshot(request: Request, board: str) -> StreamingResponse:
    async def watch() -> None:
        await until_gone(request)
        request.app.state.hub.release(board)

    async def stream() -> AsyncIterator[str]:
        watcher = asyncio.create_task(watch())
        try:
            for part in request.app.state.hub.snapshot(board):
                yield part
        finally:
            await stop_task(watcher)

    return StreamingResponse(stream(), media_type="text/event-stream")
