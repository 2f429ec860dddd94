from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.messaging import PromoterWebhooks
from ..clients.payments import PaymentsClient
from ..repositories.orders import OrderRepository
from ..services.checkout import CheckoutService
from ..services.fraud import FraudScreening

log = logging.getLogger(__name__)


class PaymentReconciler:
    """Settles orders whose payment webhook never arrived by asking the provider directly."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        redis: Redis,
        payments: PaymentsClient,
        fraud: FraudScreening,
        pricing_factory,
        webhooks: PromoterWebhooks,
        interval: float = 60.0,
        stale_after: timedelta = timedelta(minutes=15),
    ) -> None:
        self._session_factory = session_factory
        self._redis = redis
        self._payments = payments
        self._fraud = fraud
        self._pricing_factory = pricing_factory
        self._webhooks = webhooks
        self._interval = interval
        self._stale_after = stale_after
        self._stopping = asyncio.Event()

    async def run_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                settled = await self.reconcile_once()
                if settled:
                    log.info("reconciler settled %d orders", settled)
            except Exception:
                log.exception("reconcile cycle failed")
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval)
            except asyncio.TimeoutError:
                pass

    def stop(self) -> None:
        self._stopping.set()

    async def reconcile_once(self) -> int:
        cutoff = datetime.now(UTC) - self._stale_after
        settled = 0
        async with self._session_factory() as session:
            orders = OrderRepository(session)
            stale = await orders.pending_older_than(cutoff)
            checkout = CheckoutService(
                session, self._redis, self._payments, self._fraud, self._pricing_factory(session), self._webhooks
            )
            for order in stale:
                if order.payment_intent_id is None:
                    await orders.set_status(order.id, "abandoned")
                    continue
                intent = await self._payments.get_intent(order.payment_intent_id)
                if intent["status"] == "succeeded":
                    await checkout.complete(order.payment_intent_id)
                    settled += 1
                elif intent["status"] in {"canceled", "requires_payment_method"}:
                    await checkout.fail(order.payment_intent_id, intent["status"])
            await orders.commit()
        return settled
