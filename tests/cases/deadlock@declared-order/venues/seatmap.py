"""Layouts and prices; the declared order is layout, then price."""
import asyncio
from typing import Any


class SeatMap:
    def __init__(self) -> None:
        self._layout_lock = asyncio.Lock()
        self._price_lock = asyncio.Lock()
        self._layouts: dict[int, dict[str, Any]] = {}
        self._prices: dict[int, int] = {}

    async def refresh(self, venue_id: int) -> None:
        """The declared order: this pair is the intended one, not the one reported."""
        async with self._layout_lock:
            async with self._price_lock:
                self._prices.clear()
                self._layouts[venue_id] = {"venue": venue_id}

    async def reprice(self, event_id: int, venue_id: int) -> None:
        layout_lock = self._layout_lock
        async with self._price_lock:
            self._prices[event_id] = 100
            async with layout_lock:  # expect: deadlock
                self._layouts.pop(venue_id, None)
