from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

logger = logging.getLogger(__name__)

PushFn = Callable[[str, dict[str, Any]], Awaitable[None]]


class DriverBusy(RuntimeError):
    pass


class DispatchBoard:
    """In-process view of today's last-mile routes and driver assignments."""

    def __init__(self, push: PushFn) -> None:
        self._push = push
        self._routes: dict[str, list[str]] = {}
        self._drivers: dict[str, str] = {}
        self._routes_lock = asyncio.Lock()
        self._drivers_lock = asyncio.Lock()

    async def open_route(self, route_id: str, stops: list[str]) -> None:
        async with self._routes_lock:
            self._routes.setdefault(route_id, []).extend(stops)

    async def assign(self, route_id: str, driver_id: str) -> list[str]:
        async with self._routes_lock, self._drivers_lock:
            stops = self._routes.get(route_id)
            if stops is None:
                raise KeyError(route_id)
            current = self._drivers.get(driver_id)
            if current is not None and current != route_id:
                raise DriverBusy(f"driver {driver_id} is on route {current}")
            await self._push(driver_id, {"type": "route_assigned", "route": route_id, "stops": stops})
            self._drivers[driver_id] = route_id
            return list(stops)

    async def release_driver(self, driver_id: str) -> list[str]:
        async with self._drivers_lock:
            route_id = self._drivers.pop(driver_id, None)
            if route_id is None:
                return []
            async with self._routes_lock:
                remaining = self._routes.pop(route_id, [])
                await self._push(driver_id, {"type": "route_closed", "route": route_id, "open_stops": len(remaining)})
        logger.info("driver %s released, %d stops left on %s", driver_id, len(remaining), route_id)
        return remaining

    def snapshot(self) -> dict[str, Any]:
        return {
            "routes": {rid: len(stops) for rid, stops in self._routes.items()},
            "drivers": dict(self._drivers),
        }
