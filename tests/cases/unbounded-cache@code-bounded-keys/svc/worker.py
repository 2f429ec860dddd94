"""A queue service base and an event sender built on it."""
from __future__ import annotations

import asyncio
from contextvars import Context, copy_context
from typing import Any


class QueueService:
    def __init__(self) -> None:
        self._queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=1000)

    def send(self, item: Any) -> None:
        prepared = self._prepare(item)
        try:
            self._queue.put_nowait(prepared)
        except asyncio.QueueFull:
            self._on_dropped(prepared)

    async def run(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                await self._handle(item)
            except Exception:
                pass

    def _prepare(self, item: Any) -> Any:
        return item

    def _on_dropped(self, item: Any) -> None:
        pass

    async def _handle(self, item: Any) -> None:
        raise NotImplementedError


class EventSender(QueueService):
    def __init__(self) -> None:
        super().__init__()
        self._context_cache: dict[str, Context] = {}

    def _prepare(self, item: dict) -> dict:
        self._context_cache[item["id"]] = copy_context()
        return item

    def _on_dropped(self, item: dict) -> None:
        self._context_cache.pop(item["id"], None)

    async def _handle(self, item: dict) -> None:
        context = self._context_cache.pop(item["id"])
        context.run(print, item)


sender = EventSender()
