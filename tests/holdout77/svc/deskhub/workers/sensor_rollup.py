from __future__ import annotations

import logging
from datetime import timedelta

from ..utils.timeutil import floor_hour, utcnow
from .base import PeriodicWorker

logger = logging.getLogger(__name__)

RAW_RETENTION = timedelta(days=35)


class SensorRollupWorker(PeriodicWorker):
    """Aggregates raw occupancy readings into hourly rows and trims old raw data."""

    name = "sensor-rollup"
    interval = 300.0

    async def run_once(self) -> None:
        store = self.ctx.occupancy_store
        current = floor_hour(utcnow())
        # re-roll the previous hour too: gateways upload late batches after network blips
        for hour in (current - timedelta(hours=2), current - timedelta(hours=1)):
            rows = await store.rollup_hour(hour)
            logger.debug("rolled up %d space-hours for %s", rows, hour)
        deleted = await store.purge_before(current - RAW_RETENTION)
        if deleted:
            logger.info("purged %d raw occupancy readings", deleted)
