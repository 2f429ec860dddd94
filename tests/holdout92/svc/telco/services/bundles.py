from __future__ import annotations

import json
import logging
from datetime import timedelta

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from telco.clients.payment import PaymentClient
from telco.errors import NotFound, PaymentFailed
from telco.repositories.bundles import BundleRepository
from telco.repositories.subscribers import SubscriberRepository
from telco.services.audit import AuditLog
from telco.services.balance import BalanceService
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

CATALOG_KEY = "bundles:catalog:v2"


class BundleService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        payments: PaymentClient,
        balances: BalanceService,
        redis: aioredis.Redis,
        audit: AuditLog,
    ) -> None:
        self._session_factory = session_factory
        self._payments = payments
        self._balances = balances
        self._redis = redis
        self._audit = audit

    async def catalog(self) -> list[dict]:
        cached = await self._redis.get(CATALOG_KEY)
        if cached:
            return json.loads(cached)
        async with self._session_factory() as session:
            bundles = await BundleRepository(session).catalog()
        items = [
            {"code": b.code, "name": b.name, "price_cents": b.price_cents, "data_kb": b.data_kb,
             "validity_days": b.validity_days}
            for b in bundles
        ]
        await self._redis.set(CATALOG_KEY, json.dumps(items), ex=300)
        return items

    async def purchase(self, subscriber_id: int, code: str) -> str:
        async with self._session_factory() as session:
            bundle = await BundleRepository(session).get(code)
            subscriber = await SubscriberRepository(session).get(subscriber_id)
        if bundle is None or not bundle.active:
            raise NotFound(f"bundle {code}")
        if subscriber is None or subscriber.payment_customer_ref is None:
            raise PaymentFailed("no payment method on file")
        charge = await self._payments.charge(subscriber.payment_customer_ref, bundle.price_cents, f"Bundle {bundle.name}")
        async with self._session_factory() as session, session.begin():
            await BundleRepository(session).create_pending(subscriber_id, code, charge.id)
        self._audit.record("bundle.purchase", subscriber_id=subscriber_id, bundle=code, charge=charge.id)
        return charge.id

    async def confirm_payment(self, payment_ref: str) -> None:
        async with self._session_factory() as session:
            repo = BundleRepository(session)
            purchase = await repo.purchase_by_payment_ref(payment_ref)
            if purchase is None:
                raise NotFound(f"purchase for payment {payment_ref}")
            if purchase.status == "paid":
                return
            bundle = await repo.get(purchase.bundle_code)
            await self._balances.add_allowance(purchase.subscriber_id, bundle.data_kb)
            purchase.status = "paid"
            purchase.expires_at = utcnow() + timedelta(days=bundle.validity_days)
            await session.commit()
        await self._audit.record("bundle.paid", payment_ref=payment_ref)

    async def cancel(self, payment_ref: str, reason: str) -> None:
        async with self._session_factory() as session, session.begin():
            purchase = await BundleRepository(session).purchase_by_payment_ref(payment_ref)
            if purchase is None:
                raise NotFound(f"purchase for payment {payment_ref}")
            if purchase.status != "pending":
                raise PaymentFailed(f"purchase is {purchase.status}")
            purchase.status = "cancelled"
        await self._payments.refund(payment_ref, reason)
        await self._audit.record("bundle.cancelled", payment_ref=payment_ref, reason=reason)
