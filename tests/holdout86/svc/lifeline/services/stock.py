from __future__ import annotations

import copy
import json
import logging
import threading
from datetime import datetime

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.cache.stock_cache import StockCache
from lifeline.repositories.orders import SiteRepository
from lifeline.repositories.units import ComponentRepository
from lifeline.utils.bloodgroups import ABO_GROUPS, RH_TYPES
from lifeline.utils.clock import utcnow

log = logging.getLogger(__name__)

_last_alert_at: dict[str, datetime] = {}
ALERT_COOLDOWN_SECONDS = 3600


class StockService:
    def __init__(self, cache: redis.Redis, stock_cache: StockCache, threshold: int) -> None:
        self._redis = cache
        self._stock_cache = stock_cache
        self._threshold = threshold
        self._counter_lock = threading.Lock()
        self._served = 0

    async def snapshot(self, session: AsyncSession) -> dict[int, dict[str, int]]:
        sites = await SiteRepository(session).list_kind("centre")
        components = ComponentRepository(session)
        levels: dict[int, dict[str, int]] = {}
        for site in sites:
            levels[site.id] = await components.count_available(site.id)
        return levels

    async def dashboard(self, session: AsyncSession) -> dict[str, object]:
        levels = await self.snapshot(session)
        view = copy.deepcopy(levels)
        totals: dict[str, int] = {}
        for per_site in view.values():
            for key, n in per_site.items():
                totals[key] = totals.get(key, 0) + n
        with self._counter_lock:
            self._served += 1
            await self._redis.incr("dashboard:served")
        return {"sites": levels, "totals": totals, "generated_at": utcnow().isoformat()}

    async def hold(self, site_id: int, kind: str, group: str, count: int) -> int:
        key = f"held:{site_id}:{kind}:{group}"
        current = int(await self._redis.get(key) or 0)
        await self._redis.set(key, current + count)
        await self._stock_cache.invalidate(site_id, kind)
        return current + count

    async def reserve(self, site_id: int, kind: str, group: str, count: int) -> int:
        return await self._stock_cache.reserve(site_id, kind, group, count)

    async def national_shortfalls(self, session: AsyncSession, kind: str) -> list[str]:
        components = ComponentRepository(session)
        short: list[str] = []
        for abo in ABO_GROUPS:
            for rh in RH_TYPES:
                available = await components.count_available_by_group(kind, abo, rh)
                if available < self._threshold:
                    short.append(f"{abo}{rh}")
        return short

    def should_alert(self, group: str, now: datetime) -> bool:
        last = _last_alert_at.get(group)
        if last is not None and (now - last).total_seconds() < ALERT_COOLDOWN_SECONDS:
            return False
        _last_alert_at[group] = now
        return True

    async def publish(self, site_id: int, levels: dict[str, int]) -> None:
        await self._stock_cache.publish_change(site_id, {"type": "levels", "levels": levels})
        await self._redis.xadd("stock-history", {"site": site_id, "levels": json.dumps(levels)}, maxlen=10_000)
