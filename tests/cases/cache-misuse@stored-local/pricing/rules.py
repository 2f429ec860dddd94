"""Tariff tables merged over the defaults on first use and kept for the process lifetime."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cachetools import TTLCache


class TariffRules:
    def __init__(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        self._tables = tables
        self._merged: dict[str, dict[str, Any]] = {}
        self._labels: dict[str, str] = {}

    def for_plan(self, plan: str) -> dict[str, Any]:
        if plan not in self._merged:
            merged = dict(self._tables.get("default", {}))
            merged.update(self._tables.get(plan, {}))
            self._merged[plan] = merged
        return self._merged[plan]  # expect: cache-misuse

    def fees_for(self, plan: str) -> dict[str, int]:
        rules = self.for_plan(plan)
        return dict(rules.get("fees", {}))

    def label(self, plan: str) -> str:
        if plan not in self._labels:
            label = str(self._tables.get(plan, {}).get("label", plan))
            self._labels[plan] = label
        return self._labels[plan]


class ZoneDirectory:
    """Zones per region, loaded lazily; the miss branch builds the list it stores."""

    def __init__(self, loader) -> None:
        self._loader = loader
        self._by_region: TTLCache[str, list[str]] = TTLCache(maxsize=64, ttl=300)
        self._frozen: TTLCache[str, tuple[str, ...]] = TTLCache(maxsize=64, ttl=300)

    async def zones(self, region: str) -> list[str]:
        cached = self._by_region.get(region)
        if cached is None:
            cached = [z.strip().lower() for z in await self._loader(region)]
            self._by_region[region] = cached
        return cached  # expect: cache-misuse

    async def zones_frozen(self, region: str) -> tuple[str, ...]:
        hit = self._frozen.get(region)
        if hit is None:
            hit = tuple(z.strip().lower() for z in await self._loader(region))
            self._frozen[region] = hit
        return hit

    async def zones_copy(self, region: str) -> list[str]:
        zones = await self.zones(region)
        return list(zones)
