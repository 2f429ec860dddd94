from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Bet, BetStatus

logger = logging.getLogger(__name__)


class CrmClient:
    """Customer segments and campaign eligibility from the CRM platform."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def segment(self, user_id: int) -> str:
        resp = await self._http.get(f"/v1/customers/{user_id}/segment")
        resp.raise_for_status()
        return resp.json().get("segment", "standard")

    async def eligible_campaigns(self, user_id: int) -> list[str]:
        resp = await self._http.get(f"/v1/customers/{user_id}/campaigns")
        resp.raise_for_status()
        return [c["code"] for c in resp.json()["campaigns"]]

    async def aclose(self) -> None:
        await self._http.aclose()


@dataclass
class Campaign:
    code: str
    min_odds: Decimal
    reward: Decimal
    starts_at: datetime
    ends_at: datetime
    users: list = field(default_factory=list)


ACTIVE_CAMPAIGNS: list[Campaign] = []

DEFAULT_REWARD_CAP = Decimal("50.00")


def register_campaign(campaign: Campaign) -> None:
    ACTIVE_CAMPAIGNS.append(campaign)
    logger.info("campaign %s registered (%d users)", campaign.code, len(campaign.users))


def running_campaigns(now: datetime | None = None) -> list[Campaign]:
    now = now or datetime.now(timezone.utc)
    return [c for c in ACTIVE_CAMPAIGNS if c.starts_at <= now < c.ends_at]


async def qualifying_rewards(session: AsyncSession, since: datetime) -> list[tuple[int, str, Decimal]]:
    """(user_id, campaign code, reward) for every settled bet that qualifies."""
    stmt = select(Bet).where(Bet.status.in_([BetStatus.WON, BetStatus.LOST]), Bet.placed_at >= since)
    bets = (await session.scalars(stmt)).all()
    rewards = []
    for bet in bets:
        for campaign in running_campaigns():
            if bet.user_id in [u.id for u in campaign.users] and bet.odds >= campaign.min_odds:
                rewards.append((bet.user_id, campaign.code, min(campaign.reward, DEFAULT_REWARD_CAP)))
    return rewards


def rewards_by_user(rewards: list[tuple[int, str, Decimal]]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for user_id, _code, amount in rewards:
        totals[user_id] = totals.get(user_id, Decimal(0)) + amount
    return totals
