"""Static GTFS lookups (routes, route stops, shapes) with process-local caches."""
from __future__ import annotations

import asyncio
import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any, Generic, TypeVar

from transit.gtfs.static_loader import StaticFeedLoader
from transit.repos.stops import StopsRepository

ROUTE_TYPE_NAMES = {0: "tram", 1: "subway", 2: "rail", 3: "bus", 4: "ferry", 5: "cable_tram", 11: "trolleybus"}


@lru_cache(maxsize=None)
def route_type_label(route_type: int) -> str:
    return ROUTE_TYPE_NAMES.get(route_type, "other").replace("_", " ").title()


class StaticDataService:
    def __init__(self, stops: StopsRepository, loader: StaticFeedLoader) -> None:
        self._stops = stops
        self._loader = loader
        self._tables = StaticTableCache()
        self._route_stops: TTLCache[str, list[dict[str, Any]]] = TTLCache(max_entries=2048, ttl_s=3600)

    async def _load_routes(self) -> dict[str, Any]:
        rows = await self._stops.routes()
        return {r["route_id"]: dict(r) for r in rows}

    async def routes(self) -> dict[str, Any]:
        routes = await self._tables.get_table("routes", self._load_routes, max_age_s=3600)
        for route in routes.values():
            route["label"] = route_type_label(route["route_type"])
        return routes

    async def route_stops(self, route_id: str) -> list[dict[str, Any]]:
        cached = self._route_stops.get(route_id)
        if cached is not None:
            return cached
        stops = [dict(r) for r in await self._stops.stops_for_route(route_id)]
        self._route_stops.put(route_id, stops)
        return stops

    async def reload(self) -> dict[str, int]:
        return await self._loader.reload()


K = TypeVar("K")
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Bounded LRU with per-entry expiry; safe to share between coroutines."""

    def __init__(self, max_entries: int, ttl_s: float) -> None:
        self._max = max_entries
        self._ttl = ttl_s
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            del self._data[key]
            return None
        self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._max:
            self._data.popitem(last=False)


class StaticTableCache:
    """Whole-table cache (routes, stops) reloaded lazily; callers get their own copy."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, Any]] = {}
        self._loaded_at: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def get_table(self, name: str, loader: Callable[[], Awaitable[dict[str, Any]]], max_age_s: float) -> dict[str, Any]:
        async with self._lock:
            fresh = time.monotonic() - self._loaded_at.get(name, 0.0) < max_age_s
            if not fresh:
                self._tables[name] = await asyncio.wait_for(loader(), timeout=10.0)
                self._loaded_at[name] = time.monotonic()
            return copy.deepcopy(self._tables[name])


class ShapeCache:
    """Route shapes (polyline points) shared with the sync tile renderer thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shapes: dict[str, list[tuple[float, float]]] = {}

    def put(self, route_id: str, points: list[tuple[float, float]]) -> None:
        with self._lock:
            self._shapes[route_id] = points

    def get(self, route_id: str) -> list[tuple[float, float]] | None:
        with self._lock:
            return self._shapes.get(route_id)

    async def get_or_load(self, route_id: str, loader: Callable[[str], Awaitable[list[tuple[float, float]]]]) -> list[tuple[float, float]]:
        with self._lock:  # renderer thread reads the same dict
            points = self._shapes.get(route_id)
            if points is None:
                points = await loader(route_id)
                self._shapes[route_id] = points
        return points
