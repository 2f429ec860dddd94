"""Driver profile cache used by the offer and tracking paths."""
from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass

from svc.db.engine import session_factory
from svc.repositories.driver_repo import DriverRepository

PROFILE_TTL_S = 300
MAX_PROFILES = 50_000


@dataclass(slots=True)
class DriverProfile:
    driver_id: int
    name: str
    vehicle_plate: str
    vehicle_class: str
    rating: float
    tags: list[str]


class DriverProfileCache:
    def __init__(self) -> None:
        self._entries: dict[int, tuple[float, DriverProfile]] = {}
        self._lock = threading.Lock()

    async def _load(self, driver_id: int) -> DriverProfile | None:
        async with session_factory()() as session:
            driver = await DriverRepository(session).get(driver_id)
        if driver is None:
            return None
        return DriverProfile(driver.id, driver.name, driver.vehicle_plate, driver.vehicle_class, driver.rating, [])

    async def get(self, driver_id: int) -> DriverProfile | None:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(driver_id)
            if entry is not None and now - entry[0] < PROFILE_TTL_S:
                return copy.deepcopy(entry[1])
            profile = await self._load(driver_id)
            if profile is not None:
                if len(self._entries) >= MAX_PROFILES:
                    self._entries.pop(next(iter(self._entries)))
                self._entries[driver_id] = (now, profile)
        return copy.deepcopy(profile)

    def invalidate(self, driver_id: int) -> None:
        self._entries.pop(driver_id, None)
