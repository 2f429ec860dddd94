from __future__ import annotations

import logging
from datetime import timedelta

import redis.asyncio as aioredis

from ..clients.lns import NetworkServerClient
from ..clients.notify import Notifier
from ..repositories.readings import ReadingWriter
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)

ALERT_COOLDOWN_S = 4 * 3600
DAILY_ALERT_CAP = 40
FAST_REPORT_PORT = 12


class OverflowAlerts:
    def __init__(self, readings: ReadingWriter, redis: aioredis.Redis, notifier: Notifier,
                 lns: NetworkServerClient, crew_phones: dict[str, str]) -> None:
        self.readings = readings
        self.redis = redis
        self.notifier = notifier
        self.lns = lns
        self.crew_phones = crew_phones

    async def _claim_cooldown(self, bin_id: str) -> bool:
        return bool(await self.redis.set(f"overflow:cooldown:{bin_id}", "1", nx=True, ex=ALERT_COOLDOWN_S))

    async def _bump_daily(self, depot_id: str) -> int:
        key = f"overflow:daily:{depot_id}:{utcnow():%Y%m%d}"
        current = await self.redis.get(key)
        count = int(current or 0) + 1
        await self.redis.set(key, count, ex=86_400)
        return count

    async def _bump_sent_total(self) -> int:
        total = await self.redis.incr("overflow:sent_total")
        return int(total)

    async def scan(self, threshold: int) -> int:
        since = utcnow() - timedelta(hours=2)
        rows = await self.readings.over_threshold(threshold, since)
        sent = 0
        for row in rows:
            if not await self._claim_cooldown(row["bin_id"]):
                continue
            if await self._bump_daily(row["depot_id"]) > DAILY_ALERT_CAP:
                continue
            phone = self.crew_phones.get(row["depot_id"])
            if phone:
                await self.notifier.send_text(phone, f"Bin {row['bin_id']} at {row['address']} is {row['fill_pct']}% full")
                sent += 1
            await self.lns.queue_downlink(row["dev_eui"], FAST_REPORT_PORT, b"\x01\x0f")
        if sent:
            await self._bump_sent_total()
        logger.info("overflow scan: %d candidates, %d alerts", len(rows), sent)
        return sent
