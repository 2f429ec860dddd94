"""Play credits kept as redis strings."""
from __future__ import annotations

from decimal import Decimal

from redis.asyncio import Redis

from leaderboard.services.scores import ScoreBoard


class Credits:
    def __init__(self, redis: Redis, board: ScoreBoard) -> None:
        self.redis = redis
        self.board = board

    async def spend_play(self, player: str) -> int | None:
        key = f"plays:{player}"
        raw = await self.redis.get(key)  # expect: race-condition
        if raw is None:
            raw = await self.redis.get("plays:default")
        plays = int(raw)
        if plays <= 0:
            return None
        await self.redis.set(key, plays - 1, ex=3600)
        return plays - 1

    async def top_up(self, player: str, amount: Decimal) -> None:
        raw = await self.redis.get(f"wallet:{player}")  # expect: race-condition
        balance = Decimal(raw or 0)
        await self.board.submit(player, "wallet", int(balance))
        await self.redis.set(f"wallet:{player}", str(balance + amount))

    async def spend_play_atomic(self, player: str) -> int | None:
        left = await self.redis.decr(f"plays:{player}")
        if left < 0:
            await self.redis.incr(f"plays:{player}")
            return None
        return left

    async def show_wallet(self, player: str) -> str:
        raw = await self.redis.get(f"wallet:{player}")
        balance = Decimal(raw or 0)
        await self.redis.set(f"wallet:last-shown:{player}", str(balance))
        return str(balance)
