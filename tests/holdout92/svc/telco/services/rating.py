from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from telco.models import Subscriber
from telco.repositories.subscribers import SubscriberRepository
from telco.repositories.usage import CdrRow, UsageRepository
from telco.services.balance import BalanceService
from telco.services.tariffs import TariffCache, charge_for
from telco.utils.locks import SubscriberLocks

logger = logging.getLogger(__name__)


class RatingService:
    def __init__(
        self,
        tariffs: TariffCache,
        balances: BalanceService,
        usage: UsageRepository,
        session_factory: async_sessionmaker[AsyncSession],
        locks: SubscriberLocks,
        home_plmn: str,
    ) -> None:
        self._tariffs = tariffs
        self._balances = balances
        self._usage = usage
        self._session_factory = session_factory
        self._locks = locks
        self._home_plmn = home_plmn

    async def price(self, subscriber: Subscriber, record: CdrRow) -> int:
        plan = subscriber.plan_code
        if record.partner_plmn and record.partner_plmn != self._home_plmn:
            plan = f"{plan}:roam"
        rate = await self._tariffs.lookup(plan, record.record_type, record.destination)
        return charge_for(rate, record.record_type, record.duration_s, record.volume_kb)

    async def rate_batch(self, records: list[CdrRow]) -> int:
        rated: list[tuple[str, int]] = []
        async with self._session_factory() as session:
            subscribers = SubscriberRepository(session)
            for record in records:
                subscriber = await subscribers.get_by_msisdn(record.msisdn)
                if subscriber is None:
                    logger.warning("cdr %s for unknown msisdn", record.cdr_id)
                    continue
                amount = await self._charge(subscriber, record)
                rated.append((record.cdr_id, amount))
        if rated:
            await self._usage.mark_rated_many(rated)
        return len(rated)

    async def rate_known(self, records: list[CdrRow]) -> int:
        """Rate records whose subscribers are resolved in one query."""
        async with self._session_factory() as session:
            by_msisdn = await SubscriberRepository(session).by_msisdns([r.msisdn for r in records])
        rated = []
        for record in records:
            subscriber = by_msisdn.get(record.msisdn)
            if subscriber is not None:
                rated.append((record.cdr_id, await self._charge(subscriber, record)))
        await self._usage.mark_rated_many(rated)
        return len(rated)

    async def _charge(self, subscriber: Subscriber, record: CdrRow) -> int:
        async with self._locks.get(subscriber.id):
            amount = await self.price(subscriber, record)
            if amount > 0:
                if not await self._balances.debit(subscriber.id, amount):
                    logger.info("subscriber %s out of credit for %s", subscriber.id, record.cdr_id)
            return amount
