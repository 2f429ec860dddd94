"""Vehicle bookings: bays and vehicles, each behind its own lock."""
import asyncio


class Yard:
    def __init__(self, notify) -> None:
        self._notify = notify
        self._bays_lock = asyncio.Lock()
        self._vehicles_lock = asyncio.Lock()
        self._bays: dict[str, str] = {}
        self._vehicles: dict[str, str] = {}

    async def park(self, bay: str, vehicle: str) -> None:
        async with self._bays_lock, self._vehicles_lock:
            self._bays[bay] = vehicle
            self._vehicles[vehicle] = bay
            await self._notify(vehicle, bay)

    async def depart(self, vehicle: str) -> None:
        async with self._vehicles_lock:
            bay = self._vehicles.pop(vehicle, None)
            if bay is None:
                return
            async with self._bays_lock:  # expect: deadlock
                self._bays.pop(bay, None)
                await self._notify(vehicle, "")


class Depot:
    """The same two kinds of state, always locked bays first: no cycle."""

    def __init__(self) -> None:
        self._bays_lock = asyncio.Lock()
        self._vehicles_lock = asyncio.Lock()
        self._bays: dict[str, str] = {}
        self._vehicles: dict[str, str] = {}

    async def park(self, bay: str, vehicle: str) -> None:
        async with self._bays_lock, self._vehicles_lock:
            self._bays[bay] = vehicle
            self._vehicles[vehicle] = bay

    async def depart(self, vehicle: str) -> None:
        async with self._bays_lock:
            async with self._vehicles_lock:
                bay = self._vehicles.pop(vehicle, None)
                if bay is not None:
                    self._bays.pop(bay, None)
