"""Assigns open rebalance jobs to vans: python -m glide.workers.rebalance_dispatch"""
from __future__ import annotations

import asyncio
import logging

from glide.container import Container
from glide.core.locks import RedisLock
from glide.core.tasks import supervise
from glide.models import TaskStatus, VehicleStatus, ZoneKind
from glide.repositories.tasks import TaskRepository
from glide.repositories.vehicles import VehicleRepository
from glide.repositories.zones import ZoneRepository
from glide.workers.common import run_program, sleep_or_stop

log = logging.getLogger(__name__)

BATCH = 20
CITIES = (1, 2, 3)
SPEED_SYNC_EVERY = 40


async def _next_van(c: Container) -> str | None:
    return await c.redis.lpop("vans:idle")


async def assign_batch(c: Container) -> int:
    assigned = 0
    async with c.sessions() as session:
        jobs = await TaskRepository(session).claim_open_rebalance_jobs(BATCH)
        for job in jobs:
            van = await _next_van(c)
            if van is None:
                break
            job.crew_id = van
            job.status = TaskStatus.CLAIMED
            assigned += 1
        await session.commit()
    return assigned


async def sync_speed_limits(c: Container, city_id: int) -> int:
    """Pushes slow-zone limits to vehicles currently parked inside slow zones."""
    async with c.sessions() as session:
        if not c.geofence.has_zones(city_id):
            c.geofence.set_zones(city_id, await ZoneRepository(session).list_active(city_id, list(ZoneKind)))
        vehicles = list(await VehicleRepository(session).list_for_city(city_id, [VehicleStatus.AVAILABLE]))
    limits: dict[str, int] = {}
    for vehicle in vehicles:
        kmh = c.geofence.speed_limit_at(city_id, vehicle.lat, vehicle.lon)
        if kmh is not None:
            limits[vehicle.iot_device_id] = kmh
    return await c.commands.apply_speed_limits(vehicles, limits)


async def main(c: Container, stop: asyncio.Event) -> None:
    async def loop() -> None:
        rounds = 0
        while not stop.is_set():
            n = await assign_batch(c)
            if n:
                log.info("assigned %d rebalance jobs", n)
            if rounds % SPEED_SYNC_EVERY == 0:
                lock = RedisLock(c.redis, "speed-limit-sync", ttl_ms=10 * 60 * 1000)
                if await lock.acquire():
                    try:
                        for city_id in CITIES:
                            pushed = await sync_speed_limits(c, city_id)
                            log.info("pushed %d speed limits in city %s", pushed, city_id)
                    finally:
                        await lock.release()
            rounds += 1
            await sleep_or_stop(stop, 15)

    await supervise("rebalance-dispatch", loop)


if __name__ == "__main__":
    run_program("rebalance_dispatch", main)
