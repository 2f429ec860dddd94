"""Device commands: published to the bridge, acknowledged later by a webhook."""
from __future__ import annotations

import asyncio

import httpx


class CommandDispatcher:
    def __init__(self, bridge: httpx.AsyncClient) -> None:
        self._bridge = bridge
        self._waiters: dict[str, asyncio.Future[dict]] = {}  # expect: horizontal-scaling-blocker

    async def send_and_wait(self, device_id: str, correlation_id: str, payload: dict) -> dict | None:
        waiter: asyncio.Future[dict] = asyncio.get_running_loop().create_future()
        self._waiters[correlation_id] = waiter
        try:
            await self._bridge.post(f"/devices/{device_id}/cmd", json={"id": correlation_id, **payload})
            return await asyncio.wait_for(waiter, timeout=10)
        except asyncio.TimeoutError:
            return None
        finally:
            self._waiters.pop(correlation_id, None)

    async def handle_ack(self, ack: dict) -> bool:
        waiter = self._waiters.get(ack["id"])
        if waiter is not None and not waiter.done():
            waiter.set_result(ack)
        return waiter is not None


class RpcClient:
    """Correct: replies come back on this process's own connection, read by its own loop."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._pending: dict[int, asyncio.Future[dict]] = {}
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=100)
        self._next = 0
        self._reader: asyncio.Task | None = None

    def start(self) -> None:
        self._reader = asyncio.create_task(self._read_loop())

    async def call(self, method: str, params: dict) -> dict:
        self._next += 1
        future: asyncio.Future[dict] = asyncio.get_running_loop().create_future()
        self._pending[self._next] = future
        try:
            return await asyncio.wait_for(future, timeout=5)
        finally:
            self._pending.pop(self._next, None)

    async def _read_loop(self) -> None:
        while True:
            reply = await self._queue.get()
            future = self._pending.get(reply["id"])
            if future is not None and not future.done():
                future.set_result(reply)
