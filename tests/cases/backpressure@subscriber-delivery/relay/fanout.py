"""Relays each telemetry frame to every local listener, and each alert to every webhook."""
from __future__ import annotations

import asyncio
from typing import Awaitable, Callable

import httpx


class Pipe:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self._proc = proc
        self._ready = asyncio.Event()

    async def close(self) -> None:
        self._proc.terminate()
        await self._proc.wait()

    async def write_frame(self, frame: bytes) -> None:
        await self._ready.wait()
        await self._proc.stdin.write(frame)


class Console:
    def __init__(self, pipe: Pipe) -> None:
        self.pipe = pipe


class Webhook:
    def __init__(self, url: str, client: httpx.AsyncClient) -> None:
        self._url = url
        self._client = client

    async def deliver(self, alert: dict) -> None:
        await self._client.post(self._url, json=alert)


class Relay:
    def __init__(self) -> None:
        self.listeners: list[asyncio.Queue] = []
        self.callbacks: list[Callable[[bytes], Awaitable[None]]] = []
        self.consoles: list[Console] = []
        self.webhooks: list[Webhook] = []

    def listen(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(4)
        self.listeners.append(queue)
        return queue

    async def frame(self, frame: bytes) -> None:
        await asyncio.gather(*[q.put(frame) for q in self.listeners], return_exceptions=True)
        await asyncio.gather(*[cb(frame) for cb in self.callbacks], return_exceptions=True)
        await asyncio.gather(*[c.pipe.write_frame(frame) for c in self.consoles], return_exceptions=True)

    async def drop(self, console: Console) -> None:
        self.consoles.remove(console)
        await console.pipe.close()

    async def close(self) -> None:
        await asyncio.gather(*[self.drop(c) for c in self.consoles], return_exceptions=True)

    async def alert(self, alert: dict) -> None:
        await asyncio.gather(*[w.deliver(alert) for w in self.webhooks])  # expect: backpressure
