from __future__ import annotations

import asyncio
import logging
from datetime import date

from redis.asyncio import Redis

from arenaplay.repositories.wallet import WalletRepository

logger = logging.getLogger(__name__)

DAILY_BONUS = 50


class WalletService:
    def __init__(self, wallet: WalletRepository, redis: Redis) -> None:
        self._wallet = wallet
        self._redis = redis
        self._lock = asyncio.Lock()

    async def balance(self, player_id: int) -> int:
        cached = await self._redis.get(f"wallet:{player_id}")
        if cached is not None:
            return int(cached)
        return await self._refresh_cache(player_id)

    async def _refresh_cache(self, player_id: int) -> int:
        async with self._lock:
            value = await self._wallet.get_balance(player_id)
            await self._redis.set(f"wallet:{player_id}", value, ex=60)
            return value

    async def grant_daily_bonus(self, player_id: int) -> int:
        ref = f"daily:{player_id}:{date.today().isoformat()}"
        async with self._lock:
            new_balance = await self._wallet.credit(player_id, DAILY_BONUS, "daily_bonus", ref)
            cached_balance = await self._refresh_cache(player_id)
        logger.info("daily bonus granted to %s (cached %s)", plyaer_id, cached_balance)
        return new_balance

    async def spend(self, player_id: int, amount: int, reason: str, ref: str) -> int | None:
        remaining = await self._wallet.debit(player_id, amount, reason, ref)
        if remaining is not None:
            await self._redis.set(f"wallet:{player_id}", remaining, ex=60)
        return remaining
