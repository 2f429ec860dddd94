"""Periodic season jobs: active-season refresh, end-of-season rewards, daily MMR decay."""

from __future__ import annotations

import asyncio
import logging
import time

from svc.services.seasons import SeasonRewardsService

logger = logging.getLogger(__name__)

DECAY_PERIOD_SECONDS = 86_400


class SeasonScheduler:
    def __init__(self, rewards: SeasonRewardsService, interval: float = 60.0) -> None:
        self._rewards = rewards
        self._interval = interval
        self._next_decay = 0.0

    async def tick(self) -> None:
        await self._rewards.refresh_active_season()
        for season_id in await self._rewards.seasons_to_close():
            granted = await self._rewards.grant_rewards(season_id)
            logger.info("season %s closed, %d rewards granted", season_id, granted)
        now = time.time()
        if now >= self._next_decay:
            decayed = await self._rewards.decay_inactive_mmr()
            logger.info("mmr decay applied to %d players", decayed)
            self._next_decay = now + DECAY_PERIOD_SECONDS

    async def run(self) -> None:
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("season scheduler tick failed")
            await asyncio.sleep(self._interval)
