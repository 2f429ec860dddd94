from __future__ import annotations

import logging

import asyncpg

from ..clients.charity_apis import CharityNotifier
from ..repositories.campaigns import MilestoneRepository
from ..ws.hub import TickerPublisher

logger = logging.getLogger(__name__)

MILESTONE_PERCENTS = (25, 50, 75, 100)


class MilestoneService:
    def __init__(
        self, repo: MilestoneRepository, ticker: TickerPublisher, notifier: CharityNotifier, webhook_base: str
    ) -> None:
        self._repo = repo
        self._ticker = ticker
        self._notifier = notifier
        self._webhook_base = webhook_base

    async def check(self, campaign_id: int, raised_cents: int, goal_cents: int) -> None:
        if goal_cents <= 0:
            return
        percent_raised = raised_cents * 100 // goal_cents
        for percent in MILESTONE_PERCENTS:
            if percent_raised < percent:
                break
            if await self._repo.already_sent(campaign_id, percent):
                continue
            await self._announce(campaign_id, percent)
            try:
                await self._repo.mark_sent(campaign_id, percent)
            except asyncpg.PostgresError:
                pass

    async def announce_goal_reached(self, campaign_id: int) -> bool:
        # Called by the charity dashboard's "close campaign" flow; safe to call repeatedly.
        if not await self._repo.claim(campaign_id, 100):
            return False
        await self._announce(campaign_id, 100)
        return True

    async def _announce(self, campaign_id: int, percent: int) -> None:
        await self._ticker.milestone(campaign_id, percent)
        delivered = await self._notifier.post(
            f"{self._webhook_base}/campaigns/{campaign_id}/milestones",
            {"campaign_id": campaign_id, "percent": percent},
        )
        if not delivered:
            logger.info("milestone %s%% for campaign %s not delivered to charity webhook", percent, campaign_id)
