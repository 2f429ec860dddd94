"""Quote building: callers that change what the rule cache hands out."""
from __future__ import annotations

from typing import Any

from pricing.rules import TariffRules, ZoneDirectory

ANY_ZONE = "*"


class QuoteService:
    def __init__(self, rules: TariffRules, zones: ZoneDirectory) -> None:
        self._rules = rules
        self._zones = zones

    def quote(self, plan: str, discount_cents: int) -> dict[str, Any]:
        rules = self._rules.for_plan(plan)
        rules["discount_cents"] = discount_cents  # expect: cache-misuse
        return {"plan": plan, "rules": rules}

    async def zone_choices(self, region: str) -> list[str]:
        options = await self._zones.zones(region)
        options.insert(0, ANY_ZONE)  # expect: cache-misuse
        return options

    async def frozen_choices(self, region: str) -> list[str]:
        return [ANY_ZONE, *await self._zones.zones_frozen(region)]
