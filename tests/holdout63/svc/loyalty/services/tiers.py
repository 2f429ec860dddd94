from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.cache.tier_rules import TierRulesCache
from loyalty.db.models import LedgerEntry, Member, Tier
from loyalty.repositories.members_repo import MembersRepository

log = logging.getLogger(__name__)

TIER_ORDER = (Tier.BASIC, Tier.SILVER, Tier.GOLD, Tier.PLATINUM)
UPGRADE_BONUS = {Tier.SILVER: 250, Tier.GOLD: 1_000, Tier.PLATINUM: 5_000}


class TierService:
    def __init__(self, rules: TierRulesCache) -> None:
        self._rules = rules

    async def reevaluate(self, session: AsyncSession, member_id: int) -> Tier | None:
        members = MembersRepository(session)
        member = await members.get_by_id(member_id)
        target = await self._rules.tier_for(member.lifetime_points)
        if TIER_ORDER.index(target) <= TIER_ORDER.index(member.tier):
            return None
        await members.set_tier(member_id, target)
        log.info("member %s upgraded %s -> %s", member_id, member.tier.value, target.value)
        return target

    @staticmethod
    def perks(tier: Tier) -> list[str]:
        perks = ["birthday_bonus"]
        if tier == Tier.GOLD or tier == Tier.PLATINUM:
            perks.append("free_delivery")
        if tier is Tier.PLATINUM:
            perks.append("concierge")
        return perks

    @staticmethod
    def points_to_next(tier: Tier, lifetime_points: int, thresholds: dict[Tier, int]) -> int | None:
        idx = TIER_ORDER.index(tier)
        if idx == len(TIER_ORDER) - 1:
            return None
        return max(0, thresholds[TIER_ORDER[idx + 1]] - lifetime_points)

    async def requalify(self, session: AsyncSession, member_ids: Sequence[int], since) -> dict[int, Tier]:
        """Annual requalification: tier follows the points earned in the last twelve months."""
        stmt = (
            select(LedgerEntry.member_id, func.coalesce(func.sum(LedgerEntry.delta), 0))
            .where(LedgerEntry.member_id.in_(member_ids), LedgerEntry.created_at >= since, LedgerEntry.delta > 0)
            .group_by(LedgerEntry.member_id)
        )
        earned = {member_id: int(total) for member_id, total in (await session.execute(stmt)).all()}
        changes: dict[int, Tier] = {}
        by_tier: dict[Tier, list[int]] = {}
        for member_id in member_ids:
            target = await self._rules.tier_for(earned.get(member_id, 0))
            changes[member_id] = target
            by_tier.setdefault(target, []).append(member_id)
        for tier, ids in by_tier.items():
            await session.execute(update(Member).where(Member.id.in_(ids)).values(tier=tier))
        return changes
