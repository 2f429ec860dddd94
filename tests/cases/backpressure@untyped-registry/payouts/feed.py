"""Per-screen event feed: each connected screen has its own outbox drained by a pump task."""
from __future__ import annotations

import asyncio
from typing import Any


class Screen:
    def __init__(self, websocket, store_id: int) -> None:
        self.store_id = store_id
        self.websocket = websocket
        self.outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()  # expect: backpressure

    async def pump(self) -> None:
        while True:
            await self.websocket.send_json(await self.outbox.get())


class Kiosk:
    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self.pending: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)

    async def pump(self) -> None:
        while True:
            await self.websocket.send_json(await self.pending.get())


class ScreenRegistry:
    def __init__(self) -> None:
        self.screens: dict[int, Screen] = {}

    def publish(self, store_id: int, event: dict[str, Any]) -> None:
        for screen in self.screens.values():
            if screen.store_id == store_id:
                screen.outbox.put_nowait(event)


class KioskRegistry:
    def __init__(self) -> None:
        self.kiosks: list[Kiosk] = []

    def publish(self, event: dict[str, Any]) -> None:
        for kiosk in self.kiosks:
            if not kiosk.pending.full():
                kiosk.pending.put_nowait(event)
