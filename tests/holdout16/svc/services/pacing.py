"""Budget pacing: per-campaign daily spend kept in redis and shared by every bidder replica."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import date
from decimal import Decimal

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

BUDGETS_KEY = "pacing:budgets"


class PacingService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._budget_lock = asyncio.Lock()
        self._spend_lock = asyncio.Lock()
        self._budgets: dict[int, Decimal] = {}
        self._pending_spend: defaultdict[int, Decimal] = defaultdict(Decimal)

    @staticmethod
    def spend_key(campaign_id: int, day: date | None = None) -> str:
        return f"pacing:spend:{campaign_id}:{(day or date.today()):%Y%m%d}"

    async def load_budgets(self) -> int:
        raw = await self._redis.hgetall(BUDGETS_KEY)
        self._budgets = {int(cid): Decimal(value.decode()) for cid, value in raw.items()}
        return len(self._budgets)

    async def reserve(self, campaign_id: int, amount: Decimal) -> bool:
        """Atomically add ``amount`` to today's spend; undo it if the budget would be exceeded."""
        budget = self._budgets.get(campaign_id)
        if budget is None:
            return False
        key = self.spend_key(campaign_id)
        new_total = await self._redis.incrbyfloat(key, float(amount))
        if new_total > float(budget):
            await self._redis.incrbyfloat(key, -float(amount))
            return False
        return True

    async def can_spend_deal(self, campaign_id: int, amount: Decimal) -> bool:
        """Private-marketplace deals are billed at the fixed deal price, recorded here."""
        key = self.spend_key(campaign_id)
        raw = await self._redis.get(key)
        spent = Decimal(raw.decode()) if raw else Decimal(0)
        if spent + amount > self._budgets.get(campaign_id, Decimal(0)):
            return False
        await self._redis.incrbyfloat(key, float(amount))
        return True

    async def remaining(self, campaign_id: int) -> Decimal:
        raw = await self._redis.get(self.spend_key(campaign_id))
        spent = Decimal(raw.decode()) if raw else Decimal(0)
        return self._budgets.get(campaign_id, Decimal(0)) - spent

    async def snapshot(self, campaign_id: int) -> dict[str, str]:
        remaining = await self.remaining(campaign_id)
        budget = self._budgets.get(campaign_id, Decimal(0))
        return {"campaign_id": str(campaign_id), "budget": str(budget), "remaining": str(remaining)}

    def settle(self, campaign_id: int, delta: Decimal) -> None:
        """Record the difference between the reserved bid and the clearing price of a win."""
        self._pending_spend[campaign_id] += delta

    async def apply_budget(self, campaign_id: int, daily_budget: Decimal) -> None:
        """Called when a campaign budget changes; unflushed settlements for it are discarded."""
        async with self._budget_lock:
            self._budgets[campaign_id] = daily_budget
            await self._redis.hset(BUDGETS_KEY, str(campaign_id), str(daily_budget))
            async with self._spend_lock:
                self._pending_spend.pop(campaign_id, None)

    async def flush_spend(self) -> None:
        """Push win settlements to redis and stop bidding for campaigns that ran out."""
        async with self._spend_lock:
            pending = dict(self._pending_spend)
            self._pending_spend.clear()
            for campaign_id, delta in pending.items():
                await self._redis.incrbyfloat(self.spend_key(campaign_id), float(delta))
            async with self._budget_lock:
                for campaign_id in pending:
                    if await self.remaining(campaign_id) <= 0:
                        self._budgets.pop(campaign_id, None)
                        logger.info("campaign %s exhausted its daily budget", campaign_id)
