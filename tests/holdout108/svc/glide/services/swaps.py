from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict, deque

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glide.errors import Conflict, NotFound
from glide.models import SwapTask
from glide.repositories.tasks import TaskRepository
from glide.repositories.vehicles import VehicleRepository
from glide.utils.geo import haversine_m
from glide.settings import Settings
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class SwapDispatcher:
    """Hands out battery-swap tasks to field crews, zone by zone."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], redis: aioredis.Redis, settings: Settings) -> None:
        self._sessions = sessions
        self._redis = redis
        self._settings = settings
        self._queues: dict[int, deque[uuid.UUID]] = defaultdict(deque)
        self._queue_lock = asyncio.Lock()

    async def _reload_queue(self, zone_id: int) -> None:
        async with self._queue_lock:
            async with self._sessions() as session:
                tasks = await TaskRepository(session).open_swaps(zone_id, limit=50)
            self._queues[zone_id] = deque(t.id for t in tasks)

    async def next_task(self, crew_id: str, zone_id: int) -> uuid.UUID | None:
        async with self._queue_lock:
            queue = self._queues[zone_id]
            if not queue:
                await self._reload_queue(zone_id)
                queue = self._queues[zone_id]
            while queue:
                task_id = queue.popleft()
                async with self._sessions() as session:
                    if await TaskRepository(session).claim_swap(task_id, crew_id, utcnow()):
                        await session.commit()
                        return task_id
        return None

    async def route_for(self, crew_id: str, start: tuple[float, float], zone_id: int) -> list[dict]:
        """Orders the crew's open tasks in a zone by a nearest-next walk from its position."""
        async with self._sessions() as session:
            tasks = list(await TaskRepository(session).open_swaps(zone_id, limit=40))
            vehicles = await VehicleRepository(session).by_ids([t.vehicle_id for t in tasks])
        remaining = [(t, vehicles[t.vehicle_id]) for t in tasks if t.vehicle_id in vehicles]
        here = start
        ordered: list[dict] = []
        while remaining:
            idx = min(
                range(len(remaining)),
                key=lambda i: haversine_m(here[0], here[1], remaining[i][1].lat, remaining[i][1].lon),
            )
            task, vehicle = remaining.pop(idx)
            ordered.append(
                {"task_id": str(task.id), "qr": vehicle.qr_code, "lat": vehicle.lat, "lon": vehicle.lon}
            )
            here = (vehicle.lat, vehicle.lon)
        log.debug("route for crew %s: %d stops", crew_id, len(ordered))
        return ordered

    async def hold_vehicle(self, vehicle_id: uuid.UUID, crew_id: str) -> None:
        key = f"swap:hold:{vehicle_id}"
        holder = await self._redis.get(key)
        if holder is not None and holder != crew_id:
            raise Conflict("vehicle is held by another crew", code="held")
        await self._redis.set(key, crew_id, ex=self._settings.swap_claim_ttl_seconds)

    async def hold_spare_batteries(self, depot_id: str, crew_id: str, count: int) -> None:
        key = f"depot:{depot_id}:reserved"
        reserved = await self._redis.incrby(key, count)
        capacity = int(await self._redis.get(f"depot:{depot_id}:capacity") or 0)
        if reserved > capacity:
            await self._redis.decrby(key, count)
            raise Conflict("not enough charged batteries at depot", code="depot_empty")
        log.info("crew %s reserved %d batteries at %s", crew_id, count, depot_id)

    async def release_vehicle(self, vehicle_id: uuid.UUID) -> None:
        await self._redis.delete(f"swap:hold:{vehicle_id}")

    async def complete(self, session: AsyncSession, task_id: uuid.UUID, crew_id: str) -> SwapTask:
        repo = TaskRepository(session)
        if not await repo.complete_swap(task_id, crew_id, utcnow()):
            raise NotFound("task not claimed by this crew")
        task = await repo.get_swap(task_id)
        assert task is not None
        await session.commit()
        await self.release_vehicle(task.vehicle_id)
        return task
