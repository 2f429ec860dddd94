"""Budget pacing: turns the share of budget already spent into a bid multiplier."""
from __future__ import annotations

import logging
from datetime import datetime

from redis.asyncio import Redis

from adbid.cache.campaign_cache import CampaignSnapshot
from adbid.services.budget import BUDGET_LOCK, PACING_LOCK, BudgetService
from adbid.utils.timeutil import fraction_of_day_elapsed

log = logging.getLogger(__name__)

MULTIPLIER_KEY = "pacing:multipliers"


class PacingService:
    def __init__(self, redis: Redis, budget: BudgetService) -> None:
        self._redis = redis
        self._budget = budget
        self._multipliers: dict[int, float] = {}

    def compute_multiplier(self, campaign: CampaignSnapshot, spent_micros: int, at: datetime) -> float:
        if campaign.daily_budget_micros <= 0:
            return 0.0
        if campaign.pacing == "asap":
            return 1.0 if spent_micros < campaign.daily_budget_micros else 0.0
        target = fraction_of_day_elapsed(at)
        actual = spent_micros / campaign.daily_budget_micros
        ratio = actual / max(target, 0.01)
        if ratio > 1.0:
            return 0.5
        elif ratio > 1.5:
            return 0.0
        elif ratio < 0.5:
            return 1.5
        return 1.0

    async def recompute(self, campaigns: list[CampaignSnapshot], spent: dict[int, int], at: datetime) -> dict[int, float]:
        async with PACING_LOCK:
            fresh = {c.id: self.compute_multiplier(c, spent.get(c.id, 0), at) for c in campaigns}
            self._multipliers.update(fresh)
            await self._redis.hset(MULTIPLIER_KEY, mapping={str(k): v for k, v in fresh.items()})
            await self._redis.expire(MULTIPLIER_KEY, 600)
            async with BUDGET_LOCK:
                caps = {c.id: c.daily_budget_micros - spent.get(c.id, 0) for c in campaigns}
                await self._redis.hset("budget:caps", mapping={str(k): v for k, v in caps.items()})
        await self._budget.rebalance(caps, fresh)
        return fresh

    @staticmethod
    def forecast_exhaustion(campaign: CampaignSnapshot, spent_micros: int, at: datetime) -> float | None:
        """Hours from `at` until the daily budget runs out at the current spend rate, if it will today."""
        elapsed_h = fraction_of_day_elapsed(at) * 24
        if elapsed_h <= 0 or spent_micros <= 0:
            return None
        rate_per_h = spent_micros / elapsed_h
        remaining = campaign.daily_budget_micros - spent_micros
        if remaining <= 0:
            return 0.0
        hours = remaining / rate_per_h
        return hours if elapsed_h + hours < 24 else None

    async def multipliers(self) -> dict[int, float]:
        raw = await self._redis.hgetall(MULTIPLIER_KEY)
        return {int(k): float(v) for k, v in raw.items()}
