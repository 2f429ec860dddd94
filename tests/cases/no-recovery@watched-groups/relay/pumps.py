"""A device relay: per-connection pumps, a consumer pool, and a status poller."""
from __future__ import annotations

import asyncio

import anyio
import httpx
from fastapi import WebSocket

_status = httpx.AsyncClient(base_url="http://status.internal", timeout=5)


class DeviceSession:
    def __init__(self, websocket: WebSocket, upstream: httpx.AsyncClient) -> None:
        self._ws = websocket
        self._upstream = upstream

    async def _send_loop(self) -> None:
        while True:
            response = await self._upstream.get("/commands/next")
            await self._ws.send_json(response.json())

    async def _receive_loop(self) -> None:
        while True:
            reading = await self._ws.receive_json()
            await self._upstream.post("/readings", json=reading)

    async def run(self) -> None:
        sender = asyncio.create_task(self._send_loop())
        receiver = asyncio.create_task(self._receive_loop())
        tasks = {sender, receiver}
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in done:
            if task.exception() is not None:
                raise task.exception()


class ReadingConsumers:
    def __init__(self, upstream: httpx.AsyncClient, workers: int = 4) -> None:
        self._upstream = upstream
        self._workers = workers
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)

    async def _consume(self) -> None:
        while True:
            reading = await self._queue.get()
            await self._upstream.post("/archive", json=reading)

    async def run(self) -> None:
        async with anyio.create_task_group() as tg:
            for _ in range(self._workers):
                tg.start_soon(self._consume)


async def poll_status() -> None:
    while True:
        response = await _status.get("/health")  # expect: no-recovery
        response.raise_for_status()
        await asyncio.sleep(10)
