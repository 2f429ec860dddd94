"""Season lifecycle: active season lookup, end-of-season rewards, MMR decay."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import asyncpg
from redis.asyncio import Redis

from svc.clients.notify import PushClient
from svc.db.inventory_repo import InventoryRepository
from svc.errors import ConflictError, NotFoundError
from svc.services.leaderboard import LeaderboardService

logger = logging.getLogger(__name__)

ACTIVE_SEASON: dict[str, Any] = {}

REWARD_ITEMS: Mapping[str, str] = MappingProxyType(
    {"champion": "banner_champion", "diamond": "skin_diamond", "gold": "skin_gold", "silver": "emote_silver"}
)
TIER_THRESHOLDS: tuple[tuple[int, str], ...] = ((10, "champion"), (100, "diamond"), (1_000, "gold"), (10_000, "silver"))


def tier_for_rank(rank: int) -> str | None:
    for threshold, tier in TIER_THRESHOLDS:
        if rank <= threshold:
            return tier
    return None


def current_season_id() -> int:
    return int(ACTIVE_SEASON.get("id", 0))


class SeasonRewardsService:
    def __init__(
        self,
        pool: asyncpg.Pool,
        redis: Redis,
        leaderboard: LeaderboardService,
        push: PushClient,
        acquire_timeout: float,
    ) -> None:
        self._pool = pool
        self._redis = redis
        self._leaderboard = leaderboard
        self._push = push
        self._acquire_timeout = acquire_timeout

    def _acquire(self) -> Any:
        return self._pool.acquire(timeout=self._acquire_timeout)

    async def refresh_active_season(self) -> None:
        async with self._acquire() as conn:
            row = await conn.fetchrow(
                "SELECT id, name, starts_at, ends_at FROM seasons "
                "WHERE starts_at <= now() AND ends_at > now() ORDER BY starts_at DESC LIMIT 1"
            )
        if row is not None:
            ACTIVE_SEASON.update(dict(row))

    async def seasons_to_close(self) -> list[int]:
        async with self._acquire() as conn:
            rows = await conn.fetch("SELECT id FROM seasons WHERE ends_at <= now() AND rewards_granted_at IS NULL")
        return [row["id"] for row in rows]

    async def grant_rewards(self, season_id: int, mode: str = "ranked") -> int:
        claimed = await self._redis.set(f"season:{season_id}:grant", "1", nx=True, ex=86_400)
        if not claimed:
            return 0
        standings = await self._leaderboard.standings(season_id, mode, limit=10_000)
        rows = [(season_id, pid, tier) for rank, pid in standings if (tier := tier_for_rank(rank)) is not None]
        async with self._acquire() as conn:
            async with conn.transaction():
                await conn.executemany(
                    "INSERT INTO season_rewards (season_id, player_id, tier) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    rows,
                )
                await conn.execute("UPDATE seasons SET rewards_granted_at = now() WHERE id = $1", season_id)
        pending = [player_id for _, player_id, _ in rows]
        while pending:
            player_id = pending.pop(0)
            await self._push.send(player_id, "Season rewards", "Your end-of-season rewards are ready to claim")
        logger.info("granted %d rewards for season %s", len(rows), season_id)
        return len(rows)

    async def preview_tier(self, season_id: int, mode: str, player_id: int) -> str | None:
        rank = await self._redis.zrevrank(f"lb:{season_id}:{mode}", str(player_id))
        if rank is None:
            return None
        return await tier_for_rank(rank + 1)

    async def claim_reward(self, player_id: int, season_id: int, inventory: InventoryRepository) -> str:
        key = f"season:{season_id}:claimed:{player_id}"
        if await self._redis.exists(key):
            raise ConflictError("reward already claimed")
        async with self._acquire() as conn:
            tier = await conn.fetchval(
                "SELECT tier FROM season_rewards WHERE season_id = $1 AND player_id = $2", season_id, player_id
            )
        if tier is None:
            raise NotFoundError("no reward for this season")
        await inventory.grant(player_id, REWARD_ITEMS[tier])
        await self._redis.set(key, tier)
        return tier

    async def decay_inactive_mmr(self) -> int:
        async with self._acquire() as conn:
            status = await conn.execute(
                "UPDATE players SET mmr = GREATEST(mmr - 25, 800) "
                "WHERE last_played_at < now() - interval '14 days' AND mmr > 800"
            )
        return int(status.split()[-1])
