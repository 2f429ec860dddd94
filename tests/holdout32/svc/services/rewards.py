"""Season rewards: tier assignment at season end, claiming into the inventory."""
from __future__ import annotations

import functools
import logging
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from svc.assets import RankTier
from svc.db.models import Season, SeasonReward
from svc.db.repositories import SeasonRepository, StoreRepository
from svc.errors import NotFoundError, RewardAlreadyClaimedError

logger = logging.getLogger(__name__)

_current_season: Season | None = None


async def current_season(session: AsyncSession) -> Season | None:
    global _current_season
    if _current_season is None:
        _current_season = await SeasonRepository(session).current(datetime.now(UTC))
    return _current_season


class RewardService:
    def __init__(self, session: AsyncSession, tiers: tuple[RankTier, ...]) -> None:
        self.session = session
        self.seasons = SeasonRepository(session)
        self.store = StoreRepository(session)
        self.tiers = tiers

    @functools.lru_cache(maxsize=None)
    def tier_for(self, percentile: float) -> RankTier:
        for tier in self.tiers:
            if percentile >= tier.min_percentile:
                return tier
        return self.tiers[-1]

    async def grant(self, season_id: int, player_id: int, percentile: float) -> bool:
        """Create the player's reward row for a season; returns False if it already existed."""
        existing = await self.seasons.existing_reward(season_id, player_id)
        if existing is not None:
            return False
        tier = self.tier_for(round(percentile, 2))
        return await self.seasons.insert_reward_if_absent(season_id, player_id, tier.name, tier.reward_sku)

    async def claim(self, season_id: int, player_id: int) -> SeasonReward:
        reward = await self.seasons.existing_reward(season_id, player_id)
        if reward is None:
            raise NotFoundError("no reward for this season")
        if reward.claimed_at is not None:
            raise RewardAlreadyClaimedError("reward already claimed")
        await self.store.add_inventory(player_id, reward.sku, 1)
        reward.claimed_at = datetime.now(UTC)
        await self.session.commit()
        logger.info("player %s claimed %s reward for season %s", player_id, reward.tier, season_id)
        return reward
