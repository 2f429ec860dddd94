"""Reports each tenant's hourly reading volume to the billing provider."""
from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timedelta, timezone

from svc.clients.billing import BillingClient
from svc.db import Database

log = logging.getLogger(__name__)

_USAGE_SQL = """
SELECT d.tenant_id, count(*) AS readings
FROM readings r
JOIN devices d ON d.id = r.device_id
WHERE r.ts >= $1 AND r.ts < $2
GROUP BY d.tenant_id
"""


class UsageReporter:
    def __init__(self, db: Database, billing: BillingClient, *, interval: float) -> None:
        self._db = db
        self._billing = billing
        self._interval = interval

    async def run(self) -> None:
        while True:
            period_end = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
            period_start = period_end - timedelta(hours=1)
            async with self._db.connection() as conn:
                rows = await conn.fetch(_USAGE_SQL, period_start, period_end)
            for row in rows:
                await self._billing.report_usage(row["tenant_id"], period_start, row["readings"])
                time.sleep(0.2)
            log.info("reported usage for %d tenants for %s", len(rows), period_start.isoformat())
            await asyncio.sleep(self._interval)
