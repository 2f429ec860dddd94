"""Turns POS transaction webhooks into points."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.cache.member_profile import BalanceCache
from loyalty.cache.tier_rules import TierRulesCache
from loyalty.repositories.members_repo import MembersRepository
from loyalty.repositories.transactions_repo import PosLine, TransactionsRepository
from loyalty.redis_client import BalancePublisher
from loyalty.services.campaigns import CampaignService
from loyalty.services.fraud import FraudService
from loyalty.services.ledger import LedgerService
from loyalty.services.tiers import TierService
from loyalty.utils.metrics import POINTS_AWARDED

log = logging.getLogger(__name__)

CURRENCY_EXPONENT = {"EUR": 2, "USD": 2, "GBP": 2, "JPY": 0, "SEK": 2}


def cents_to_units(amount_cents: int, currency: str) -> Decimal:
    exponent = CURRENCY_EXPONENT.get(currency.upper(), 2)
    return (Decimal(amount_cents) / (Decimal(10) ** exponent)).quantize(Decimal(1) / (Decimal(10) ** exponent))


def points_for_amount(amount_cents: int, currency: str, rate: int, multiplier: Decimal = Decimal(1)) -> int:
    units = cents_to_units(amount_cents, currency)
    raw = units * rate * multiplier
    return int(raw.to_integral_value(rounding=ROUND_DOWN))


@dataclass(slots=True)
class PosEvent:
    store_id: str
    pos_txn_id: str
    member_ref: str
    member_id: int
    amount_cents: int
    currency: str
    lines: list[PosLine] = field(default_factory=list)


@dataclass(slots=True)
class EarnResult:
    status: str
    points: int = 0
    balance: int | None = None


class EarningService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        txns: TransactionsRepository,
        fraud: FraudService,
        tier_rules: TierRulesCache,
        tiers: TierService,
        ledger: LedgerService,
        campaigns: CampaignService,
        balance_cache: BalanceCache,
        publisher: BalancePublisher,
        points_rate: int,
    ) -> None:
        self._sessions = sessions
        self._txns = txns
        self._fraud = fraud
        self._tier_rules = tier_rules
        self._tiers = tiers
        self._ledger = ledger
        self._campaigns = campaigns
        self._balance_cache = balance_cache
        self._publisher = publisher
        self._rate = points_rate

    async def ingest(self, event: PosEvent) -> EarnResult:
        if await self._txns.exists(event.store_id, event.pos_txn_id):
            return EarnResult(status="duplicate")

        decision = await self._fraud.assess_earn(event.member_id, event.store_id, event.amount_cents, event.currency)
        if not decision.allowed:
            return EarnResult(status="rejected")

        async with self._sessions() as session, session.begin():
            members = MembersRepository(session)
            tier = await members.tier_of(event.member_id)
            multiplier = await self._tier_rules.multiplier_for(tier)
            multiplier *= Decimal(str(await self._campaigns.active_multiplier(session, event.lines)))
            points = points_for_amount(event.amount_cents, event.currency, self._rate, multiplier)
            await self._txns.insert(event.store_id, event.pos_txn_id, event.member_id, event.amount_cents,
                                    event.currency, points, decision.score, event.lines)
            balance = await self._ledger.credit(session, event.member_id, points, "earn",
                                                reference=f"{event.store_id}:{event.pos_txn_id}")
            await self._tiers.reevaluate(session, event.member_id)

        POINTS_AWARDED.labels("pos").inc(points)
        await self._balance_cache.invalidate(event.member_id)
        asyncio.create_task(self._publisher.publish(event.member_id, balance, "earn"))
        return EarnResult(status="accepted", points=points, balance=balance)

    async def ingest_batch(self, events: list[PosEvent]) -> list[EarnResult]:
        semaphore = asyncio.Semaphore(8)

        async def _one(event: PosEvent) -> EarnResult:
            async with semaphore:
                return await self.ingest(event)

        return await asyncio.gather(*(_one(e) for e in events))
