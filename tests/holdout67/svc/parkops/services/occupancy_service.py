"""Bay occupancy from street sensors and garage counters."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from ..repositories.sensor_repo import Reading, SensorRepository
from ..utils import locks
from ..utils.common import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Availability:
    zone_id: int
    occupied: int
    capacity: int
    source: str

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.occupied)


class OccupancyService:
    def __init__(self, repo: SensorRepository, redis: Redis) -> None:
        self._repo = repo
        self._redis = redis
        self._queue: asyncio.Queue[tuple[int, Reading]] = asyncio.Queue()

    def submit(self, zone_id: int, readings: Iterable[Reading]) -> int:
        count = 0
        for reading in readings:
            self._queue.put_nowait((zone_id, reading))
            count += 1
        return count

    async def drain_forever(self, batch_size: int = 200) -> None:
        while True:
            zone_id, first = await self._queue.get()
            batch = [(zone_id, first)]
            while len(batch) < batch_size and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._repo.insert_readings([r for _, r in batch])
                for zid, reading in batch:
                    await self._apply(zid, reading)
            except Exception:
                log.exception("failed to persist %d readings", len(batch))
                await asyncio.sleep(1.0)

    async def _apply(self, zone_id: int, reading: Reading) -> None:
        async with locks.zone_lock(zone_id):
            async with locks.bay_lock(reading.bay_id):
                previous = await self._redis.hget(f"bays:{zone_id}", str(reading.bay_id))
                state = "1" if reading.occupied else "0"
                if previous == state:
                    return
                await self._redis.hset(f"bays:{zone_id}", str(reading.bay_id), state)
                if reading.occupied:
                    await self._redis.hincrby(f"zone:{zone_id}:counts", "occupied", 1)
                else:
                    await self._redis.hincrby(f"zone:{zone_id}:counts", "occupied", -1)

    async def availability(self, zone_id: int) -> Availability:
        try:
            counts = await self._redis.hgetall(f"zone:{zone_id}:counts")
            if counts:
                return Availability(zone_id, int(counts["occupied"]), int(counts["capacity"]), "live")
        except RedisError as exc:
            log.warning("redis unavailable for zone %s availability: %s", zone_id, exc)
        occupied, capacity = await self._repo.zone_occupancy(zone_id)
        return Availability(zone_id, occupied, capacity, "db")

    async def snapshot_zones(self, zone_ids: list[int]) -> None:
        now = utcnow()
        for zone_id in zone_ids:
            avail = await self.availability(zone_id)
            await self._repo.save_snapshot(zone_id, avail.occupied, avail.capacity, now)

    async def release_garage_space(self, zone_id: int) -> int:
        return int(await self._redis.incr(f"garage:{zone_id}:free"))
