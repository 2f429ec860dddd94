"""Marks drivers offline when their app stops sending locations."""
from __future__ import annotations

import asyncio
import logging
import time

from svc.db.engine import session_factory
from svc.db.models import DriverStatus
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.location_repo import LocationRepository
from svc.ws.hub import ConnectionHub

logger = logging.getLogger(__name__)

BATCH_PAUSE_S = 0.5
REAP_INTERVAL_S = 30


class StaleDriverReaper:
    def __init__(self, locations: LocationRepository, hub: ConnectionHub, stale_after_s: int) -> None:
        self.locations = locations
        self.hub = hub
        self.stale_after_s = stale_after_s

    async def reap(self) -> int:
        stale = await self.locations.stale_driver_ids(self.stale_after_s)
        stale = [d for d in stale if not self.hub.is_connected(d)]
        for start in range(0, len(stale), 100):
            chunk = stale[start : start + 100]
            async with session_factory()() as session:
                await DriverRepository(session).set_status_many(chunk, DriverStatus.OFFLINE)
                await session.commit()
            await self.locations.remove(chunk)
            time.sleep(BATCH_PAUSE_S)
        return len(stale)

    async def run_forever(self) -> None:
        while True:
            try:
                count = await self.reap()
                if count:
                    logger.info("reaped %d stale drivers", count)
            except:
                logger.warning("reaper pass failed")
            await asyncio.sleep(REAP_INTERVAL_S)
