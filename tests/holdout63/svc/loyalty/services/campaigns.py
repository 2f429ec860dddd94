"""Campaign engine: earning multipliers for running campaigns and bonus awards for segments."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.db.models import Campaign
from loyalty.repositories.campaigns_repo import CampaignsRepository
from loyalty.repositories.transactions_repo import PosLine
from loyalty.utils.timeutil import utcnow

log = logging.getLogger(__name__)

MAX_STACKED_MULTIPLIER = 3.0


class CampaignService:
    def __init__(self) -> None:
        self._active: list[Campaign] = []
        self._active_loaded_at: datetime | None = None

    async def _running(self, session: AsyncSession) -> list[Campaign]:
        now = utcnow()
        if self._active_loaded_at is None or (now - self._active_loaded_at).total_seconds() > 60:
            self._active = await CampaignsRepository(session).active(now)
            self._active_loaded_at = now
        return self._active

    async def active_multiplier(self, session: AsyncSession, lines: Sequence[PosLine]) -> float:
        categories = {line.category for line in lines}
        multiplier = 1.0
        for campaign in await self._running(session):
            rule = campaign.segment_rule or {}
            wanted = set(rule.get("categories", []))
            if wanted and not wanted & categories:
                continue
            multiplier *= float(campaign.multiplier)
        return min(multiplier, MAX_STACKED_MULTIPLIER)

    @staticmethod
    def bonus_label(campaign: Campaign) -> str:
        if campaign.multiplier >= 2:
            return "double points"
        elif campaign.multiplier >= 3:
            return "triple points"
        return f"{campaign.name} bonus"
