"""Points ledger operations that must keep balances, batches and the ledger consistent."""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.db.models import PointsBatch
from loyalty.repositories.campaigns_repo import CampaignsRepository
from loyalty.repositories.ledger_repo import LedgerRepository
from loyalty.repositories.members_repo import MembersRepository
from loyalty.utils.locks import campaign_locks, member_locks
from loyalty.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class InsufficientPoints(Exception):
    pass


class _BudgetExhausted(Exception):
    pass


class LedgerService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], expiry_days: int) -> None:
        self._sessions = sessions
        self._expiry_days = expiry_days

    async def credit(self, session: AsyncSession, member_id: int, points: int, kind: str,
                     reference: str | None = None) -> int:
        balance = await MembersRepository(session).adjust_balance(member_id, points)
        await LedgerRepository(session).record(member_id, points, kind, reference=reference)
        now = utcnow()
        session.add(PointsBatch(member_id=member_id, points_total=points, points_remaining=points, source=kind,
                                earned_at=now, expires_at=now + timedelta(days=self._expiry_days)))
        return balance

    async def debit(self, session: AsyncSession, member_id: int, points: int, kind: str,
                    reference: str | None = None, reward_id: int | None = None) -> int:
        member = await MembersRepository(session).get_for_update(member_id)
        if member.points_balance < points:
            raise InsufficientPoints(member_id)
        stmt = (
            select(PointsBatch)
            .where(PointsBatch.member_id == member_id, PointsBatch.points_remaining > 0)
            .order_by(PointsBatch.expires_at)
            .with_for_update()
        )
        remaining = points
        for batch in (await session.execute(stmt)).scalars():
            take = min(batch.points_remaining, remaining)
            batch.points_remaining -= take
            remaining -= take
            if remaining == 0:
                break
        member.points_balance -= points
        await LedgerRepository(session).record(member_id, -points, kind, reference=reference, reward_id=reward_id)
        return member.points_balance

    async def award_campaign_bonus(self, campaign_id: int, member_id: int, points: int) -> bool:
        async with member_locks.get(f"member:{member_id}"):
            async with campaign_locks.get(f"campaign:{campaign_id}"):
                try:
                    async with self._sessions() as session, session.begin():
                        repo = CampaignsRepository(session)
                        if not await repo.record_award(campaign_id, member_id, points):
                            return False
                        if await repo.add_spend(campaign_id, points) < 0:
                            raise _BudgetExhausted(campaign_id)
                        await self.credit(session, member_id, points, "campaign", reference=f"campaign:{campaign_id}")
                        return True
                except _BudgetExhausted:
                    log.info("campaign %s budget exhausted before member %s", campaign_id, member_id)
                    return False

    async def transfer(self, from_member: int, to_member: int, points: int) -> None:
        if from_member == to_member:
            raise ValueError("cannot transfer points to the same member")
        first, second = sorted((from_member, to_member))
        async with member_locks.get(f"member:{first}"), member_locks.get(f"member:{second}"):
            async with self._sessions() as session, session.begin():
                await self.debit(session, from_member, points, "transfer_out", reference=f"to:{to_member}")
                await self.credit(session, to_member, points, "transfer_in", reference=f"from:{from_member}")
