"""Periodic ETA recomputation for voyages underway."""
from __future__ import annotations

import asyncio
import logging

from fleetwise.cache.locks import LockNotAcquired, redis_lock
from fleetwise.cache.redis_client import create_redis
from fleetwise.clients.routing_api import RoutingClient
from fleetwise.db.engine import SessionFactory
from fleetwise.db.pg import create_pg_pool
from fleetwise.realtime.fleet_hub import FleetPublisher
from fleetwise.repositories.positions import PositionRepository
from fleetwise.services.eta import EtaService
from fleetwise.settings import get_settings

log = logging.getLogger(__name__)

LOCK_NAME = "fw:lock:eta-recompute"


async def run() -> None:
    settings = get_settings()
    pool = await create_pg_pool()
    client = create_redis()
    routing = RoutingClient(settings.routing_api_url, settings.routing_api_key)
    service = EtaService(SessionFactory, PositionRepository(pool), routing, client, FleetPublisher(client))
    pending: set[asyncio.Task] = set()
    try:
        while True:
            try:
                async with redis_lock(client, LOCK_NAME, ttl=settings.eta_interval_seconds):
                    updated = await service.recompute_all()
                    log.info("eta recompute updated %d voyages", updated)
                    task = asyncio.create_task(client.set("fw:eta:last-run", "1", ex=3600))
                    pending.add(task)
                    task.add_done_callback(pending.discard)
            except LockNotAcquired:
                log.debug("another replica holds the eta lock")
            await asyncio.sleep(settings.eta_interval_seconds)
    finally:
        await routing.aclose()
        await pool.close()
        await client.aclose()
