"""Order lifecycle: quote, place, accept, prepare, cancel, receipts."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from dataclasses import dataclass
from typing import Any, Final

import httpx
from redis.asyncio import Redis

from svc.clients.payments import PaymentsClient
from svc.db.stores import Database
from svc.errors import Conflict, PaymentDeclined
from svc.realtime import kitchen_screens
from svc.repositories.orders import OrderRepository
from svc.repositories.restaurants import RestaurantRepository
from svc.services import pricing
from svc.services.carts import CartLine, CartService
from svc.services.dispatch import DispatchService
from svc.services.notifications import Notifier
from svc.services.pricing import PromoService
from svc.services.receipts import ReceiptService
from svc.workers.kitchen import KitchenTicketDispatcher

logger = logging.getLogger(__name__)

CANCELLABLE: Final = frozenset({"placed", "accepted"})


@dataclass(frozen=True, slots=True)
class Quote:
    restaurant_id: int
    lines: list[CartLine]
    subtotal_cents: int
    delivery_fee_cents: int
    total_cents: int


class OrderEvents:
    """Publishes order events on the events bus; every replica's tracking hub relays them."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish(self, order_id: int, event: dict[str, Any]) -> None:
        await self._redis.publish(f"order-events:{order_id}", json.dumps(event))


class OrderService:
    def __init__(self, db: Database, orders: OrderRepository, restaurants: RestaurantRepository, carts: CartService,
                 promos: PromoService, payments: PaymentsClient, notifier: Notifier, receipts: ReceiptService,
                 kitchen: KitchenTicketDispatcher, dispatch: DispatchService, events: OrderEvents) -> None:
        self._db = db
        self._orders = orders
        self._restaurants = restaurants
        self._carts = carts
        self._promos = promos
        self._payments = payments
        self._notifier = notifier
        self._receipts = receipts
        self._kitchen = kitchen
        self._dispatch = dispatch
        self._events = events

    async def quote(self, customer_id: int, tip_cents: int = 0) -> Quote:
        restaurant_id, lines = await self._carts.lines(customer_id)
        if restaurant_id is None or not lines:
            raise Conflict("cart is empty")
        restaurant = await self._restaurants.get(restaurant_id)
        snapshot = copy.deepcopy(lines)
        fee = pricing.delivery_fee(restaurant.city)
        total = pricing.compute_total(snapshot, delivery_fee_cents=fee, tip_cents=tip_cents)
        return Quote(restaurant_id, lines, pricing.subtotal(snapshot), fee, total)

    async def place(self, *, customer_id: int, phone: str, address: str, payment_token: str,
                    idempotency_key: str, tip_cents: int, promo_code: str | None) -> int:
        quote = await self.quote(customer_id, tip_cents)
        discount = await self._promos.redeem(promo_code, quote.subtotal_cents) if promo_code else 0
        total = pricing.compute_total(quote.lines, quote.delivery_fee_cents, tip_cents, discount)

        async with self._db.transaction() as conn:
            order_id = await self._orders.insert(
                conn, idempotency_key=idempotency_key, restaurant_id=quote.restaurant_id, customer_id=customer_id,
                customer_phone=phone, delivery_address=address, subtotal_cents=quote.subtotal_cents,
                total_cents=total, promo_code=promo_code,
            )
            if order_id is None:
                existing = await conn.fetchval("SELECT id FROM orders WHERE idempotency_key = $1", idempotency_key)
                return int(existing)
            await self._orders.insert_items(conn, order_id, quote.lines)

        try:
            authorization_id = await self._payments.authorize(order_id, total, payment_token)
        except PaymentDeclined:
            await self._orders.set_status(order_id, "payment_failed")
            raise
        await self._orders.set_authorization(order_id, authorization_id)
        await self._carts.clear(customer_id)

        restaurant = await self._restaurants.get(quote.restaurant_id)
        if restaurant.webhook_url and restaurant.webhook_secret:
            try:
                await self._notifier.notify_restaurant(
                    restaurant.webhook_url, restaurant.webhook_secret, {"event": "order.placed", "order_id": order_id}
                )
            except httpx.HTTPError:
                logger.warning("restaurant webhook failed", extra={"order_id": order_id}, exc_info=True)
        asyncio.create_task(self._notifier.order_placed(phone, order_id))
        return order_id

    async def accept(self, order_id: int) -> None:
        accepted = await self._orders.transition(order_id, ("placed",), "accepted")
        if not accepted:
            raise Conflict(f"order {order_id} can no longer be accepted")
        order = await self._orders.get(order_id)
        await self._payments.capture(order["authorization_id"], order["total_cents"])
        self._kitchen.enqueue(order_id)
        await kitchen_screens.push_ticket(order["restaurant_id"], {"order_id": order_id, "status": "accepted"})
        await self._events.publish(order_id, {"status": "accepted"})

    async def mark_ready(self, order_id: int) -> None:
        if await self._orders.transition(order_id, ("accepted", "preparing"), "ready"):
            self._events.publish(order_id, {"status": "ready"})
            await self._dispatch.offer(order_id)

    async def mark_picked_up(self, order_id: int, courier_name: str, eta_minutes: float) -> None:
        if not await self._orders.transition(order_id, ("assigned",), "picked_up"):
            raise Conflict(f"order {order_id} is not waiting for pickup")
        order = await self._orders.get(order_id)
        self._notifier.courier_on_the_way(order["customer_phone"], courier_name, eta_minutes)
        await self._events.publish(order_id, {"status": "picked_up", "eta_minutes": eta_minutes})

    async def cancel(self, order_id: int, reason: str) -> None:
        order = await self._orders.get(order_id)
        if order["status"] not in CANCELLABLE:
            raise Conflict(f"order {order_id} is {order['status']} and cannot be cancelled")
        if order["authorization_id"]:
            await self._payments.refund(order["authorization_id"], order["total_cents"], reason)
        await self._orders.set_status(order_id, "cancelled")
        await self._events.publish(order_id, {"status": "cancelled", "reason": reason})

    async def issue_receipt(self, order_id: int) -> str:
        order = await self._orders.get(order_id)
        items = await self._orders.items_for_orders([order_id])
        path = await self._receipts.store(order, items.get(order_id, []))
        return path.name

    async def payment_state(self, order_id: int) -> str:
        order = await self._orders.get(order_id)
        if not order["authorization_id"]:
            return "none"
        return await self._payments.payment_status(order["authorization_id"])
