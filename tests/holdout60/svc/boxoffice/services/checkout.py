from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.messaging import PromoterWebhooks
from ..clients.payments import PaymentDeclined, PaymentsClient
from ..db import pool
from ..models import Order
from ..observability import CHECKOUTS
from ..qr import new_token
from ..repositories import inventory
from ..repositories.catalog import EventRepository, VenueRepository
from ..repositories.orders import CustomerRepository, OrderRepository
from ..repositories.payouts import PayoutRepository
from .fraud import FraudScreening
from .pricing import PricingService

log = logging.getLogger(__name__)


class CheckoutFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class HoldExpired(CheckoutFailed):
    def __init__(self) -> None:
        super().__init__("hold_expired")


@dataclass(frozen=True)
class CheckoutResult:
    order_id: int
    client_secret: str
    total_cents: int
    currency: str


class CheckoutService:
    def __init__(
        self,
        session: AsyncSession,
        redis: Redis,
        payments: PaymentsClient,
        fraud: FraudScreening,
        pricing: PricingService,
        webhooks: PromoterWebhooks,
    ) -> None:
        self._session = session
        self._redis = redis
        self._payments = payments
        self._fraud = fraud
        self._pricing = pricing
        self._webhooks = webhooks
        self._orders = OrderRepository(session)
        self._venues = VenueRepository(session)
        self._customers = CustomerRepository(session)
        self._events = EventRepository(session)

    async def checkout(
        self,
        customer_id: int,
        event_id: int,
        hold_ids: Sequence[uuid.UUID],
        buyer_currency: str,
        promo_code: str | None = None,
        ip: str | None = None,
    ) -> CheckoutResult:
        event = await self._events.get(event_id)
        customer = await self._customers.get(customer_id)
        if event is None or customer is None:
            raise CheckoutFailed("not_found")

        async with pool().acquire() as conn:
            holds = await conn.fetch(
                "SELECT id, seat_id, expires_at FROM seat_holds WHERE id = ANY($1::uuid[]) AND customer_id = $2",
                list(hold_ids),
                customer_id,
            )
        if len(holds) != len(hold_ids):
            raise HoldExpired()
        now = datetime.now(UTC)
        for hold in holds:
            if hold["expires_at"] > now:
                raise HoldExpired()

        items: list[tuple[int, int]] = []
        for hold in holds:
            seat = await self._venues.get_seat(hold["seat_id"])
            price = await self._pricing.section_price(event_id, seat.section_id)
            items.append((seat.id, price))

        discount_pct, promo_id = 0, None
        if promo_code:
            discount_pct, promo_id = await self._redeem_promo(promo_code, event_id)

        order = await self._orders.create(event_id, customer_id, items, event.currency, promo_code_id=promo_id)
        decision = await self._fraud.screen(order, customer, ip, len(items))
        order.risk_score = decision.score
        if not decision.approved:
            await self._orders.set_status(order.id, "rejected")
            await self._orders.commit()
            CHECKOUTS.labels("risk_declined").inc()
            raise CheckoutFailed("risk_declined")

        quote = await self._pricing.quote(items, event.currency, buyer_currency, discount_pct)
        try:
            intent = await self._payments.create_intent(quote.total_cents, quote.currency, f"ord-{order.id}")
        except PaymentDeclined as exc:
            await self._orders.set_status(order.id, "declined")
            await self._orders.commit()
            CHECKOUTS.labels("declined").inc()
            raise CheckoutFailed(exc.code)
        except httpx.HTTPError as exc:
            log.exception("payment provider error creating intent for order %s", order.id)
            await self._orders.set_status(order.id, "error")
            await self._orders.commit()
            CHECKOUTS.labels("provider_error").inc()
            raise CheckoutFailed("provider_unavailable") from exc

        await self._orders.set_status(order.id, "pending", payment_intent_id=intent["id"], total_cents=quote.total_cents)
        await self._orders.commit()
        CHECKOUTS.labels("intent_created").inc()
        return CheckoutResult(order.id, intent["client_secret"], quote.total_cents, quote.currency)

    async def _redeem_promo(self, code: str, event_id: int) -> tuple[int, int]:
        promo = await self._events.promo_by_code(code.upper())
        if promo is None or promo.event_id != event_id:
            raise CheckoutFailed("invalid_promo")
        if promo.used_count >= promo.max_uses:
            raise CheckoutFailed("promo_exhausted")
        promo.used_count += 1
        await self._session.flush()
        return promo.discount_pct, promo.id

    async def complete(self, intent_id: str) -> Order | None:
        """Issue tickets for a paid order. Safe to call more than once for the same intent."""
        order = await self._orders.by_payment_intent(intent_id)
        if order is None:
            log.warning("payment succeeded for unknown intent %s", intent_id)
            return None
        if order.status == "paid":
            return order
        items = await self._orders.items_for(order.id)
        seat_ids = [item.seat_id for item in items]
        tokens = [new_token() for _ in seat_ids]
        async with pool().acquire() as conn:
            async with conn.transaction():
                await inventory.issue(conn, order.id, order.event_id, order.customer_id, seat_ids, tokens)
                await conn.execute(
                    "DELETE FROM seat_holds WHERE event_id = $1 AND customer_id = $2 AND seat_id = ANY($3::int[])",
                    order.event_id,
                    order.customer_id,
                    seat_ids,
                )
        await self._orders.set_status(order.id, "paid")
        await self._orders.commit()
        await self._redis.lpush("deliveries", json.dumps({"order_id": order.id}))
        log.info("order %s paid; %d tickets issued", order.id, len(seat_ids))

        event = await self._events.get(order.event_id)
        promoter = await PayoutRepository(self._session).promoter(event.promoter_id)
        if promoter is not None and promoter.webhook_url:
            asyncio.create_task(
                self._webhooks.notify(promoter.webhook_url, "order.paid", {"order_id": order.id, "seats": len(seat_ids)})
            )
        return order

    async def fail(self, intent_id: str, reason: str) -> None:
        order = await self._orders.by_payment_intent(intent_id)
        if order is None or order.status != "pending":
            return
        await self._orders.set_status(order.id, "failed")
        await self._orders.commit()
        async with pool().acquire() as conn:
            await conn.execute(
                "DELETE FROM seat_holds WHERE event_id = $1 AND customer_id = $2", order.event_id, order.customer_id
            )
