"""Usage metering (billing) and the monthly machine-translation quota."""
from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from datetime import datetime, timezone

import redis.asyncio as redis

from glossa.clients.billing_sdk import BillingClient
from glossa.errors import QuotaExceeded
from glossa.repositories.usage import UsageEvent, UsageRepository
from glossa.settings import Settings

logger = logging.getLogger(__name__)

METERS = frozenset({"mt_chars", "words_imported", "export_bundles", "tm_lookups"})

# last alert level sent per organisation, so a crossing is announced once
_recent_alerts: dict[int, str] = {}


def usage_level(ratio: float) -> str:
    if ratio >= 0.8:
        return "warning"
    elif ratio >= 1.0:
        return "exceeded"
    return "ok"


def month_start(now: datetime | None = None) -> datetime:
    now = now or datetime.now(timezone.utc)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


class UsageBuffer:
    """Collects events from request handlers, both async routes and the sync ones in the threadpool."""

    def __init__(self, max_items: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._items: list[UsageEvent] = []
        self._max = max_items

    def add(self, event: UsageEvent) -> bool:
        with self._lock:
            if len(self._items) >= self._max:
                return False
            self._items.append(event)
            return True

    async def drain(self, repo: UsageRepository) -> int:
        with self._lock:
            if not self._items:
                return 0
            batch, self._items = self._items, []
            await repo.insert_events(batch)
        return len(batch)


class QuotaService:
    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self._redis = client
        self._settings = settings

    @staticmethod
    def _key(org_id: int) -> str:
        return f"quota:mt:{org_id}:{datetime.now(timezone.utc):%Y%m}"

    async def reserve_mt_chars(self, org_id: int, chars: int) -> int:
        key = self._key(org_id)
        used = int(await self._redis.get(key) or 0)
        if used + chars > self._settings.mt_monthly_chars:
            raise QuotaExceeded(f"machine translation quota of {self._settings.mt_monthly_chars} characters used up")
        await self._redis.set(key, used + chars, ex=40 * 86400)
        return self._settings.mt_monthly_chars - used - chars

    async def remaining(self, org_id: int) -> int:
        used = int(await self._redis.get(self._key(org_id)) or 0)
        return max(0, self._settings.mt_monthly_chars - used)

class MeteringService:
    def __init__(self, buffer: UsageBuffer, repo: UsageRepository, client: redis.Redis, billing: BillingClient, mt_limit: int) -> None:
        self._buffer = buffer
        self._repo = repo
        self._redis = client
        self._billing = billing
        self._mt_limit = mt_limit

    async def record(self, org_id: int, project_id: int | None, meter: str, quantity: int) -> None:
        if meter not in METERS:
            raise ValueError(f"unknown meter {meter}")
        event = UsageEvent(org_id, project_id, meter, quantity, datetime.now(timezone.utc), uuid.uuid4().hex)
        total = await self._redis.incrby(f"usage:live:{org_id}:{meter}:{event.occurred_at:%Y%m}", quantity)
        if meter == "mt_chars" and (level := self.alert_level(org_id, int(total), self._mt_limit)):
            logger.warning("org %s machine translation usage %s (%d of %d characters)", org_id, level, total, self._mt_limit)
        if not self._buffer.add(event):
            logger.warning("usage buffer full; writing event for org %s directly", org_id)
            await self._repo.insert_events([event])

    async def flush_forever(self, interval: float = 5.0) -> None:
        while True:
            await asyncio.sleep(interval)
            written = await self._buffer.drain(self._repo)
            if written:
                logger.debug("flushed %d usage events", written)

    def alert_level(self, org_id: int, used: int, limit: int) -> str | None:
        """The level to announce, or None when it was already announced."""
        level = usage_level(used / limit if limit else 1.0)
        if level == "ok" or _recent_alerts.get(org_id) == level:
            return None
        _recent_alerts[org_id] = level
        return level

    async def report_now(self, org_id: int) -> dict:
        """Support action: push an organisation's unbilled usage to billing immediately."""
        since = month_start()
        rows = await self._repo.org_summary(org_id, since)
        lines = [{"meter": r["meter"], "quantity": int(r["total"])} for r in rows]
        cutoff = datetime.now(timezone.utc)
        receipt = self._billing.report_usage(org_id, lines, idempotency_key=f"manual-{org_id}-{cutoff:%Y%m%d%H%M}")
        await self._repo.mark_billed(org_id, cutoff)
        logger.info("reported usage for org %s on request: %s", org_id, receipt.get("id"))
        return receipt
