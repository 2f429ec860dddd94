"""SLA targets per organisation and priority, and due-date computation."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from cachetools import TTLCache

from svc.db.pool import Database


@dataclass(frozen=True, slots=True)
class SlaTargets:
    first_response: timedelta
    resolution: timedelta


DEFAULT_TARGETS = MappingProxyType(
    {
        "urgent": SlaTargets(timedelta(minutes=30), timedelta(hours=4)),
        "high": SlaTargets(timedelta(hours=2), timedelta(hours=12)),
        "normal": SlaTargets(timedelta(hours=8), timedelta(days=2)),
        "low": SlaTargets(timedelta(days=1), timedelta(days=5)),
    }
)


class SlaClock:
    """Resolves SLA targets. The admin snapshot endpoint reads the cache from a worker thread."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._mutex = threading.Lock()
        self._targets: TTLCache[tuple[int, str], SlaTargets] = TTLCache(maxsize=4096, ttl=300)

    async def targets(self, org_id: int, priority: str) -> SlaTargets:
        key = (org_id, priority)
        mutex = self._mutex
        with mutex:
            cached = self._targets.get(key)
            if cached is None:
                cached = await self._load(org_id, priority)
                self._targets[key] = cached
        return cached

    async def due_at(self, org_id: int, priority: str, opened_at: datetime) -> datetime:
        targets = await self.targets(org_id, priority)
        return opened_at + targets.resolution

    def snapshot(self) -> dict[str, dict[str, float]]:
        with self._mutex:
            items = list(self._targets.items())
        return {
            f"{org_id}:{priority}": {
                "first_response_s": t.first_response.total_seconds(),
                "resolution_s": t.resolution.total_seconds(),
            }
            for (org_id, priority), t in items
        }

    async def _load(self, org_id: int, priority: str) -> SlaTargets:
        async with self._db.connection() as conn:
            record = await conn.fetchrow("SELECT first_response_minutes, resolution_minutes FROM sla_policies WHERE org_id = $1 AND priority = $2", org_id, priority)
        if record is None:
            return DEFAULT_TARGETS.get(priority, DEFAULT_TARGETS["normal"])
        return SlaTargets(timedelta(minutes=record["first_response_minutes"]), timedelta(minutes=record["resolution_minutes"]))
