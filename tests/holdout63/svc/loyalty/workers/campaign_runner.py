"""Executes scheduled bonus campaigns: resolves the segment and awards the bonus to each member."""
from __future__ import annotations

import asyncio
import logging

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.clients.notifications import PushNotifier
from loyalty.db.models import Campaign
from loyalty.repositories.campaigns_repo import CampaignsRepository
from loyalty.repositories.members_repo import MembersRepository
from loyalty.services.ledger import LedgerService
from loyalty.services.segments import SegmentService
from loyalty.utils.locks import campaign_locks, member_locks
from loyalty.utils.timeutil import utcnow
from loyalty.ws.campaign_feed import queue_progress

log = logging.getLogger(__name__)

TIER_BONUS_FACTOR = {"basic": 1.0, "silver": 1.1, "gold": 1.25, "platinum": 1.5}


class CampaignRunner:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], segments: SegmentService,
                 ledger: LedgerService, notifier: PushNotifier, redis_client: redis.Redis,
                 concurrency: int = 20) -> None:
        self._sessions = sessions
        self._segments = segments
        self._ledger = ledger
        self._notifier = notifier
        self._redis = redis_client
        self._concurrency = concurrency

    async def tick(self) -> int:
        async with self._sessions() as session, session.begin():
            campaigns = await CampaignsRepository(session).due(utcnow())
            for campaign in campaigns:
                campaign.status = "running"
        for campaign in campaigns:
            await self.execute(campaign)
        return len(campaigns)

    async def tick_claimed(self) -> int:
        async with self._sessions() as session, session.begin():
            campaigns = await CampaignsRepository(session).claim_due(utcnow())
        for campaign in campaigns:
            await self.execute(campaign)
        return len(campaigns)

    async def execute(self, campaign: Campaign) -> None:
        async with self._sessions() as session:
            member_ids = await self._segments.resolve(session, campaign.segment_rule)
            members = MembersRepository(session)
            awards: dict[int, int] = {}
            for member_id in member_ids:
                tier = await members.tier_of(member_id)
                awards[member_id] = int(campaign.bonus_points * TIER_BONUS_FACTOR[tier.value])

        progress_key = f"loyalty:campaign:{campaign.id}:awarded"
        results = await asyncio.gather(*(self._award(campaign, m, p, progress_key) for m, p in awards.items()))
        self._redis.expire(progress_key, 86_400)
        awarded = sum(1 for r in results if r)
        top_up = campaign.segment_rule.get("top_up") or {}
        if top_up.get("member_ids"):
            await self.adjust_member_awards(campaign.id, list(top_up["member_ids"]), int(top_up.get("points", 0)))
        queue_progress({"campaign": campaign.id, "awarded": awarded, "done": True})
        async with self._sessions() as session, session.begin():
            await CampaignsRepository(session).mark(campaign.id, "completed")
        log.info("campaign %s completed: %d of %d members awarded", campaign.id, awarded, len(awards))

    async def _award(self, campaign: Campaign, member_id: int, points: int, progress_key: str) -> bool:
        ok = await self._ledger.award_campaign_bonus(campaign.id, member_id, points)
        if ok:
            await self._redis.incr(progress_key)
        return ok

    async def adjust_member_awards(self, campaign_id: int, member_ids: list[int], delta: int) -> None:
        async with campaign_locks.get(f"campaign:{campaign_id}"):
            for member_id in member_ids:
                async with member_locks.get(f"member:{member_id}"):
                    async with self._sessions() as session, session.begin():
                        await self._ledger.credit(session, member_id, delta, "campaign_adjust",
                                                  reference=f"campaign:{campaign_id}")

    async def notify_awarded(self, campaign: Campaign, device_tokens_by_member: dict[int, list[str]]) -> None:
        semaphore = asyncio.Semaphore(self._concurrency)
        body = f"You received {campaign.bonus_points} bonus points"

        async def _one(tokens: list[str]) -> None:
            async with semaphore:
                await self._notifier.send(tokens, campaign.name, body, priority="high")

        await asyncio.gather(*(_one(t) for t in device_tokens_by_member.values()))
