"""Daily spend per campaign, kept in redis as a float counter."""
from decimal import Decimal

import redis.asyncio as redis


class BudgetService:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._budgets: dict[int, Decimal] = {}

    async def spend_if_allowed(self, campaign_id: int, amount: Decimal) -> bool:
        key = f"spend:{campaign_id}"
        raw = await self._redis.get(key)  # expect: race-condition
        spent = Decimal(raw.decode()) if raw else Decimal(0)
        if spent + amount > self._budgets.get(campaign_id, Decimal(0)):
            return False
        await self._redis.incrbyfloat(key, float(amount))
        return True

    async def reserve(self, campaign_id: int, amount: Decimal) -> bool:
        """Increment first, then check the total the atomic command returned."""
        key = f"spend:{campaign_id}"
        total = await self._redis.incrbyfloat(key, float(amount))
        if total > float(self._budgets.get(campaign_id, Decimal(0))):
            await self._redis.incrbyfloat(key, -float(amount))
            return False
        return True

    async def remaining(self, campaign_id: int) -> Decimal:
        raw = await self._redis.get(f"spend:{campaign_id}")
        spent = Decimal(raw.decode()) if raw else Decimal(0)
        if spent > self._budgets.get(campaign_id, Decimal(0)):
            return Decimal(0)
        return self._budgets.get(campaign_id, Decimal(0)) - spent
