"""Seasons and season rewards."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert

from svc.db.models import Season, SeasonReward
from svc.db.repositories.base import BaseRepository


class SeasonRepository(BaseRepository[Season]):
    model = Season

    async def current(self, now: datetime) -> Season | None:
        stmt = select(Season).where(Season.starts_at <= now, Season.ends_at > now)
        return await self.session.scalar(stmt)

    async def ended_without_rewards(self, now: datetime) -> list[Season]:
        stmt = select(Season).where(Season.ends_at <= now, Season.rewards_granted_at.is_(None))
        return list(await self.session.scalars(stmt))

    async def mark_rewards_granted(self, season_id: int, at: datetime) -> None:
        await self.session.execute(
            update(Season).where(Season.id == season_id).values(rewards_granted_at=at)
        )

    async def existing_reward(self, season_id: int, player_id: int) -> SeasonReward | None:
        stmt = select(SeasonReward).where(
            SeasonReward.season_id == season_id, SeasonReward.player_id == player_id
        )
        return await self.session.scalar(stmt)

    async def insert_reward_if_absent(
        self, season_id: int, player_id: int, tier: str, sku: str
    ) -> bool:
        stmt = (
            insert(SeasonReward)
            .values(season_id=season_id, player_id=player_id, tier=tier, sku=sku)
            .on_conflict_do_nothing(constraint="uq_season_rewards_season_player")
        )
        result = await self.session.execute(stmt)
        return bool(result.rowcount)
