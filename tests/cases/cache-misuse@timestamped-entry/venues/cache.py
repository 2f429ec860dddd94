"""Venue settings cached per process with a timestamp per entry."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable


@dataclass(frozen=True)
class Hours:
    opens: int
    closes: int


class VenueSettingsCache:
    def __init__(self, load: Callable[[int], Awaitable[Any]], ttl: float = 120.0) -> None:
        self._load = load
        self._ttl = ttl
        self._entries: dict[int, tuple[float, dict[str, Any]]] = {}

    async def settings(self, venue_id: int) -> dict[str, Any]:
        entry = self._entries.get(venue_id)
        if entry is not None and time.monotonic() - entry[0] < self._ttl:
            return entry[1]  # expect: cache-misuse
        row = await self._load(venue_id)
        settings = {"venue_id": venue_id, "capacity": row.capacity, "tags": list(row.tags)}
        self._entries[venue_id] = (time.monotonic(), settings)
        return dict(settings)

    async def settings_copy(self, venue_id: int) -> dict[str, Any]:
        entry = self._entries.get(venue_id)
        if entry is not None and time.monotonic() - entry[0] < self._ttl:
            return dict(entry[1])
        return await self.settings(venue_id)

    def stored_at(self, venue_id: int) -> float:
        entry = self._entries.get(venue_id)
        return entry[0] if entry is not None else 0.0

    def clear(self) -> None:
        self._entries.clear()


class HoursCache:
    def __init__(self) -> None:
        self._entries: dict[int, tuple[float, Hours]] = {}

    def put(self, venue_id: int, opens: int, closes: int) -> None:
        self._entries[venue_id] = (time.monotonic(), Hours(opens, closes))

    def get(self, venue_id: int) -> Hours | None:
        entry = self._entries.get(venue_id)
        if entry is None:
            return None
        return entry[1]  # a frozen dataclass: nobody can change it

    def clear(self) -> None:
        self._entries.clear()
