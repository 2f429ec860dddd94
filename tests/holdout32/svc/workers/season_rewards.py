"""End-of-season reward grants.

Percentiles come from the final ranked ratings; the tier table lives in the rank tier asset.
"""
from __future__ import annotations

import asyncio
import bisect
import logging
from datetime import UTC, datetime

import asyncpg
from sqlalchemy.ext.asyncio import async_sessionmaker

from svc.assets import RankTier
from svc.clients.notifications import PushClient, PushMessage
from svc.db.models import Season
from svc.db.repositories import SeasonRepository
from svc.services.rewards import RewardService
from svc.workers.supervisor import sleep_or_stop

logger = logging.getLogger(__name__)

RANKED_MODE = "ranked"


class SeasonRewardsJob:
    def __init__(
        self,
        session_factory: async_sessionmaker,
        pool: asyncpg.Pool,
        push: PushClient,
        tiers: tuple[RankTier, ...],
        interval: float = 3600.0,
    ) -> None:
        self.session_factory = session_factory
        self.pool = pool
        self.push = push
        self.tiers = tiers
        self.interval = interval

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.grant_for_ended_seasons()
            except Exception:
                logger.exception("season reward run failed")
            await sleep_or_stop(stop, self.interval)

    async def grant_for_ended_seasons(self) -> None:
        now = datetime.now(UTC)
        async with self.session_factory() as session:
            seasons = await SeasonRepository(session).ended_without_rewards(now)
        for season in seasons:
            await self._grant_season(season)

    @staticmethod
    def _percentile(mmr: int, all_mmrs: list[int]) -> float:
        ranked = sorted(all_mmrs)
        return bisect.bisect_left(ranked, mmr) / max(len(ranked), 1)

    async def _grant_season(self, season: Season) -> None:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT player_id, mmr FROM player_ratings WHERE mode = $1 ORDER BY mmr DESC",
                RANKED_MODE,
            )
        all_mmrs = [row["mmr"] for row in rows]
        granted: list[int] = []
        async with self.session_factory() as session:
            service = RewardService(session, self.tiers)
            for row in rows:
                percentile = self._percentile(row["mmr"], all_mmrs)
                if await service.grant(season.id, row["player_id"], percentile):
                    granted.append(row["player_id"])
            await SeasonRepository(session).mark_rewards_granted(season.id, datetime.now(UTC))
            await session.commit()
        print(f"season {season.id}: granted {len(granted)} rewards")
        await self.push.send_many(
            [PushMessage(player_id=pid, title="Season rewards", body=f"Your {season.name} reward is ready") for pid in granted]
        )
