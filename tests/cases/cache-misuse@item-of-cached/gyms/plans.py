"""Membership plans per gym, cached in the service for five minutes."""
from __future__ import annotations

from typing import Any

import asyncpg
from cachetools import TTLCache


class NotFound(Exception):
    pass


class PlanService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._plans: TTLCache[int, list[dict[str, Any]]] = TTLCache(maxsize=512, ttl=300)

    async def plans_for_gym(self, gym_id: int) -> list[dict[str, Any]]:
        plans = self._plans.get(gym_id)
        if plans is None:
            rows = await self._pool.fetch("SELECT id, name, price_cents FROM plans WHERE gym_id = $1", gym_id)
            plans = [dict(r) for r in rows]
            self._plans[gym_id] = plans
        return plans  # expect: cache-misuse

    async def discounted(self, gym_id: int, plan_id: int, percent: int) -> dict[str, Any]:
        plan = next((p for p in await self.plans_for_gym(gym_id) if p["id"] == plan_id), None)
        if plan is None:
            raise NotFound(plan_id)
        plan["price_cents"] = plan["price_cents"] * (100 - percent) // 100  # expect: cache-misuse
        return plan

    async def discounted_copy(self, gym_id: int, plan_id: int, percent: int) -> dict[str, Any]:
        plan = next((dict(p) for p in await self.plans_for_gym(gym_id) if p["id"] == plan_id), None)
        if plan is None:
            raise NotFound(plan_id)
        plan["price_cents"] = plan["price_cents"] * (100 - percent) // 100
        return plan

    async def plan_name(self, gym_id: int, plan_id: int) -> str:
        plans = await self.plans_for_gym(gym_id)
        plan = next(p for p in plans if p["id"] == plan_id)
        return str(plan["name"])

    async def catalog(self, gym_id: int) -> list[dict[str, Any]]:
        return [dict(plan) for plan in await self.plans_for_gym(gym_id)]

    async def renamed(self, gym_id: int, plan_id: int, name: str) -> list[dict[str, Any]]:
        plans = await self.plans_for_gym(gym_id)
        plan = next(p for p in plans if p["id"] == plan_id)
        plan["name"] = name.strip()  # expect: cache-misuse
        return plans
