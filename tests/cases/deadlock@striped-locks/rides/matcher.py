"""Ride matching: striped locks per ride and per driver."""
import asyncio

_STRIPES = 64


class Matcher:
    def __init__(self) -> None:
        self._ride_locks = [asyncio.Lock() for _ in range(_STRIPES)]
        self._driver_locks = [asyncio.Lock() for _ in range(_STRIPES)]
        self._assigned: dict[int, int] = {}

    def _ride_lock(self, ride_id: int) -> asyncio.Lock:
        return self._ride_locks[ride_id % _STRIPES]

    def _driver_lock(self, driver_id: int) -> asyncio.Lock:
        return self._driver_locks[driver_id % _STRIPES]

    async def assign(self, ride_id: int, driver_id: int) -> None:
        async with self._ride_lock(ride_id), self._driver_lock(driver_id):
            await asyncio.sleep(0)
            self._assigned[ride_id] = driver_id

    async def driver_went_offline(self, driver_id: int, ride_ids: list[int]) -> None:
        async with self._driver_lock(driver_id):
            for ride_id in ride_ids:
                async with self._ride_lock(ride_id):  # expect: deadlock
                    await asyncio.sleep(0)
                    self._assigned.pop(ride_id, None)


class Dispatcher:
    """Always ride stripe first, then driver stripe; two rides of one batch nest in one family."""

    def __init__(self) -> None:
        self._ride_locks: dict[int, asyncio.Lock] = {}
        self._driver_locks: dict[int, asyncio.Lock] = {}
        self._moves: list[tuple[int, int]] = []

    async def swap(self, first_ride: int, second_ride: int, driver_id: int) -> None:
        first_ride, second_ride = sorted((first_ride, second_ride))  # one global order within the family
        async with self._ride_locks[first_ride]:
            async with self._ride_locks[second_ride]:
                async with self._driver_locks[driver_id]:
                    await asyncio.sleep(0)
                    self._moves.append((first_ride, second_ride))

    async def release(self, ride_id: int, driver_id: int) -> None:
        async with self._ride_locks[ride_id], self._driver_locks[driver_id]:
            await asyncio.sleep(0)
            self._moves.append((ride_id, driver_id))
