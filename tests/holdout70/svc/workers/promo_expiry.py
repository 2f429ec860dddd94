from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.promotions.freebets import FreeBetService
from svc.promotions.service import qualifying_rewards, rewards_by_user
from svc.wallet.service import BonusWalletService
from svc.workers.scheduler import LeaderLease

logger = logging.getLogger(__name__)


class PromotionJobs:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], freebets: FreeBetService,
                 bonus: BonusWalletService, lease: LeaderLease) -> None:
        self._sessions = sessions
        self._freebets = freebets
        self._bonus = bonus
        self._lease = lease

    async def expire_free_bets(self) -> None:
        if not await self._lease.ensure():
            return
        async with self._sessions() as session:
            n = await self._freebets.expire_due(session)
        if n:
            logger.info("expired %d free bets", n)

    async def grant_campaign_rewards(self) -> None:
        since = datetime.now(timezone.utc) - timedelta(hours=1)
        async with self._sessions() as session:
            rewards = await qualifying_rewards(session, since)
            totals = rewards_by_user(rewards)
            for user_id, amount in totals.items():
                await self._bonus.grant_bonus(session, user_id, amount)
        logger.info("granted campaign rewards to %d users", len(totals))
