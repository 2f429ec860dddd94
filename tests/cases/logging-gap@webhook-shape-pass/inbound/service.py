"""Applies events pushed by the shipping partner."""
import asyncio
from typing import Any


class ShipmentEvents:
    def __init__(self) -> None:
        self._queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()

    async def accept(self, kind: str, data: dict[str, Any]) -> None:
        await self._queue.put((kind, data))
