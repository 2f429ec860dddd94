"""Plan catalogue cache: plans, tiers and per-tenant price overrides."""
from __future__ import annotations

import bisect
import copy
import functools
import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.db.pool import Database

logger = logging.getLogger(__name__)

_SNAPSHOT_KEY = "catalogue:snapshot:v3"


@dataclass(frozen=True, slots=True)
class Tier:
    up_to: float
    unit_price_micros: int


@dataclass(frozen=True, slots=True)
class Plan:
    code: str
    currency: str
    tiers: Mapping[str, tuple[Tier, ...]] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(slots=True)
class PriceOverride:
    meter: str
    unit_price_micros: int
    discount_pct: float = 0.0


def tiered_price(tiers: tuple[Tier, ...], quantity: float) -> int:
    bounds = [t.up_to for t in tiers]
    idx = min(bisect.bisect_left(bounds, quantity), len(tiers) - 1)
    return tiers[idx].unit_price_micros


class PlanCatalogue:
    def __init__(self, db: Database, redis: Redis) -> None:
        self._db = db
        self._redis = redis
        self._lock = threading.Lock()
        self._plans: dict[str, Plan] = {}
        self._raw: dict[str, dict] = {}
        self._overrides: dict[int, dict[str, PriceOverride]] = {}
        self._tenant_plans: TTLCache[int, str] = TTLCache(maxsize=10_000, ttl=300)

    async def refresh(self) -> None:
        with self._lock:
            raw = await self._load_raw()
            self._raw = raw
            self._plans = {code: self._to_plan(code, body) for code, body in raw.items()}

    async def _load_raw(self) -> dict[str, dict]:
        try:
            cached = await self._redis.get(_SNAPSHOT_KEY)
        except RedisError:
            logger.warning("catalogue snapshot unavailable in redis, reading from database")
            cached = None
        if cached:
            return json.loads(cached)
        async with self._db.connection() as conn:
            rows = await conn.fetch("SELECT code, definition FROM plans WHERE archived = false")
        return {row["code"]: json.loads(row["definition"]) for row in rows}

    @staticmethod
    def _to_plan(code: str, body: dict) -> Plan:
        tiers = {
            meter: tuple(Tier(up_to=float(t["up_to"]), unit_price_micros=int(t["price_micros"])) for t in spec)
            for meter, spec in body["tiers"].items()
        }
        return Plan(code=code, currency=body["currency"], tiers=MappingProxyType(tiers))

    def plan(self, code: str) -> Plan:
        return self._plans[code]

    def plan_definition(self, code: str) -> dict:
        return copy.deepcopy(self._raw)[code]

    async def overrides_for(self, tenant_id: int) -> dict[str, PriceOverride]:
        if tenant_id not in self._overrides:
            async with self._db.connection() as conn:
                rows = await conn.fetch(
                    "SELECT meter, unit_price_micros, discount_pct FROM price_overrides WHERE tenant_id = $1",
                    tenant_id,
                )
            self._overrides[tenant_id] = {r["meter"]: PriceOverride(r["meter"], r["unit_price_micros"], r["discount_pct"]) for r in rows}
        return self._overrides[tenant_id]

    async def plan_code_for(self, tenant_id: int) -> str:
        code = self._tenant_plans.get(tenant_id)
        if code is None:
            async with self._db.connection() as conn:
                code = await conn.fetchval("SELECT plan_code FROM tenants WHERE id = $1", tenant_id)
            self._tenant_plans[tenant_id] = code
        return code

    @functools.lru_cache(maxsize=None)
    def meter_label(self, meter: str) -> str:
        return meter.replace("_", " ").title()
