"""Rider ride-credit balances kept in redis (cents)."""
from __future__ import annotations

import logging

import redis.asyncio as redis

logger = logging.getLogger(__name__)

_SPEND_SCRIPT = """
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if balance < amount then
  return -1
end
return redis.call('DECRBY', KEYS[1], amount)
"""


class InsufficientCredit(Exception):
    pass


class WalletService:
    def __init__(self, redis_client: redis.Redis) -> None:
        self.redis = redis_client
        self._spend = self.redis.register_script(_SPEND_SCRIPT)

    @staticmethod
    def _key(rider_id: int) -> str:
        return f"wallet:{rider_id}"

    async def balance(self, rider_id: int) -> int:
        value = await self.redis.get(self._key(rider_id))
        return int(value or 0)

    async def top_up(self, rider_id: int, amount_cents: int) -> int:
        return int(await self.redis.incrby(self._key(rider_id), amount_cents))

    async def spend(self, rider_id: int, amount_cents: int) -> int:
        remaining = int(await self._spend(keys=[self._key(rider_id)], args=[amount_cents]))
        if remaining < 0:
            raise InsufficientCredit(rider_id)
        return remaining

    async def apply_referral_bonus(self, rider_id: int, bonus_cents: int, cap_cents: int) -> int:
        current = await self.balance(rider_id)
        new_balance = min(current + bonus_cents, cap_cents)
        await self.redis.set(self._key(rider_id), new_balance)
        return new_balance
