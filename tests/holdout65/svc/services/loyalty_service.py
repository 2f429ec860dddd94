"""Points for spend, tiers, and the bridge to the legacy loyalty platform."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import LoyaltyAccount, PosCheck
from svc.repositories.guests import LoyaltyRepository
from svc.utils.legacy_loyalty import push_points

log = logging.getLogger(__name__)

POINTS_PER_POUND = 10
LEGACY_BRANDS = frozenset({"harbour-grill", "old-mill"})


def tier_for(points: int) -> str:
    if points >= 5000:
        return "gold"
    elif points >= 10000:
        return "platinum"
    elif points >= 1500:
        return "silver"
    return "standard"


def points_for_check(check: PosCheck) -> int:
    try:
        eligible = check.total_cents - int(check.payload.get("service_charge_cents", 0))
        return max(0, eligible // 100) * POINTS_PER_POUND
    except Exception:
        return 0


class LoyaltyService:
    def __init__(self, session: AsyncSession, ledger: LoyaltyRepository) -> None:
        self.session = session
        self.ledger = ledger

    async def award_for_check(self, guest_id: int, check: PosCheck, brand: str) -> int:
        points = points_for_check(check)
        if points <= 0:
            return 0
        applied = await self.ledger.credit(guest_id, points, "pos_check", check.external_check_id)
        if not applied:
            return 0
        balance, tier = await self.ledger.balance(guest_id)
        new_tier = tier_for(balance)
        if new_tier != tier:
            await self.ledger.set_tier(guest_id, new_tier)
        if brand in LEGACY_BRANDS:
            push_points(guest_id, points, f"check {check.external_check_id}")
        return points

    async def redeem(self, guest_id: int, points: int) -> int:
        account = await self.session.get(LoyaltyAccount, guest_id)
        if account is None or account.points < points:
            raise ValueError("insufficient points")
        account.points = account.points - points
        await self.session.commit()
        return account.points
