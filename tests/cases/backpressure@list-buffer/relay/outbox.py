"""Outgoing messages buffered on the instance between the request handlers and a sender task."""
from __future__ import annotations

import asyncio
from collections import deque
from typing import Awaitable, Callable

Send = Callable[[dict], Awaitable[None]]


class Outbox:
    def __init__(self, send: Send) -> None:
        self._send = send
        self._pending: list[dict] = []  # expect: backpressure

    async def publish(self, message: dict) -> None:
        self._pending.append(message)

    async def run(self) -> None:
        while True:
            while self._pending:
                message = self._pending[0]
                try:
                    await self._send(message)
                except OSError:
                    break
                self._pending.pop(0)
            await asyncio.sleep(0.5)


class RetryBuffer:
    """Failed deliveries wait here until the sender is healthy again."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._failed = deque()  # expect: backpressure

    async def deliver(self, batch: list[dict]) -> None:
        for message in batch:
            try:
                await self._send(message)
            except OSError:
                self._failed.append(message)

    async def replay(self) -> None:
        while self._failed:
            await self._send(self._failed.popleft())
