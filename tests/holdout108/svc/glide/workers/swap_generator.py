"""Opens battery-swap tasks for low vehicles: python -m glide.workers.swap_generator"""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import timedelta

from glide.container import Container
from glide.core.locks import RedisLock
from glide.models import TaskStatus
from glide.repositories.tasks import TaskRepository
from glide.repositories.vehicles import VehicleRepository
from glide.utils.timeutil import utcnow
from glide.workers.common import run_program, sleep_or_stop

log = logging.getLogger(__name__)

CITIES = (1, 2, 3)
INTERVAL_S = 120


async def generate_for_city(c: Container, city_id: int) -> int:
    async with c.sessions() as session:
        vehicles = await VehicleRepository(session).low_battery(city_id, c.settings.low_battery_pct)
        tasks = TaskRepository(session)
        already = await tasks.open_swap_for_vehicles([v.id for v in vehicles])
        rows = [
            {
                "id": uuid.uuid4(),
                "vehicle_id": v.id,
                "zone_id": v.zone_id,
                "status": TaskStatus.OPEN,
                "battery_pct_at_open": v.battery_pct,
                "priority": 100 - v.battery_pct,
            }
            for v in vehicles
            if v.id not in already
        ]
        created = await tasks.add_swaps(rows)
        await session.commit()
    async with c.redis.pipeline(transaction=False) as pipe:
        for row in rows:
            if row["zone_id"] is not None:
                pipe.publish(f"swaps:zone:{row['zone_id']}", json.dumps({"task_vehicle": str(row["vehicle_id"])}))
        await pipe.execute()
    return created


async def reopen_expired_claims(c: Container) -> int:
    async with c.sessions() as session:
        reopened = await TaskRepository(session).release_expired_claims(
            utcnow() - timedelta(seconds=c.settings.swap_claim_ttl_seconds * 4)
        )
        await session.commit()
    return reopened


async def main(c: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        lock = RedisLock(c.redis, "swap-generator", ttl_ms=INTERVAL_S * 1000)
        if await lock.acquire():
            try:
                reopened = await reopen_expired_claims(c)
                if reopened:
                    log.info("reopened %d expired swap claims", reopened)
                for city_id in CITIES:
                    created = await generate_for_city(c, city_id)
                    if created:
                        log.info("opened %d swap tasks in city %s", created, city_id)
            except Exception:
                await asyncio.sleep(5)
                continue
            finally:
                await lock.release()
        await sleep_or_stop(stop, INTERVAL_S)


if __name__ == "__main__":
    run_program("swap_generator", main)
