"""Nightly route planning for the next service day."""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from ..cache.locks import LockNotAcquired, distributed_lock
from ..db.models import Depot, Truck
from ..utils.timeutil import sleep_until, utcnow

logger = logging.getLogger(__name__)

PLAN_HOUR_UTC = 1
LOCK_TTL_MS = 3 * 3600 * 1000


async def load_depot(ctx, depot_id: str) -> tuple[Depot, list[Truck]]:
    async with ctx.sessionmaker() as session:
        depot = await session.get(Depot, depot_id)
        trucks = (await session.scalars(select(Truck).where(Truck.depot_id == depot_id))).all()
    return depot, list(trucks)


async def plan_next_day(ctx) -> int:
    day = (utcnow() + timedelta(days=1)).date()
    planned = 0
    try:
        async with distributed_lock(ctx.redis, f"nightly-plan:{day.isoformat()}", ttl_ms=LOCK_TTL_MS):
            for depot_id in ctx.settings.depot_ids:
                depot, trucks = await load_depot(ctx, depot_id)
                routes = await ctx.planning.plan_depot(depot, trucks, day)
                planned += len(routes)
    except LockNotAcquired:
        logger.info("planning for %s already running on another worker", day)
    return planned


async def run(ctx) -> None:
    while True:
        await sleep_until(PLAN_HOUR_UTC)
        planned = await plan_next_day(ctx)
        logger.info("nightly planning finished: %d routes", planned)
