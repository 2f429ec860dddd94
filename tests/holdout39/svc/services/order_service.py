from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timezone
from decimal import Decimal

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.maps import Geocoder
from svc.clients.payments import PaymentDeclined, PaymentGateway, PaymentUnavailable
from svc.db.models import Order, OrderItem, OrderStatus, Payment
from svc.repos.courier_repo import CourierRepository
from svc.repos.menu_repo import MenuRepository
from svc.repos.order_repo import OrderRepository
from svc.repos.restaurant_repo import RestaurantRepository
from svc.services.cart_service import CartService
from svc.services.notification_service import Notifier
from svc.services.pricing import PricingService
from svc.services.promo_service import PromoService
from svc.utils.locks import courier_lock, order_lock
from svc.utils.media import render_receipt, write_receipt

logger = logging.getLogger(__name__)

PENDING_TIMEOUT_MIN = 15


class OrderRejected(Exception):
    pass


class ServiceBusy(Exception):
    pass


class OrderService:
    def __init__(
        self,
        session: AsyncSession,
        client: redis.Redis,
        payments: PaymentGateway,
        geocoder: Geocoder,
        pricing: PricingService,
        notifier: Notifier,
    ) -> None:
        self.session = session
        self._redis = client
        self.orders = OrderRepository(session)
        self.menus = MenuRepository(session)
        self.restaurants = RestaurantRepository(session)
        self.couriers = CourierRepository()
        self.carts = CartService(client, self.menus)
        self.promos = PromoService(session)
        self.payments = payments
        self.geocoder = geocoder
        self.pricing = pricing
        self.notifier = notifier

    async def place_order(
        self, customer_id: int, address: str, payment_token: str, promo_code: str | None = None
    ) -> Order:
        cart = await self.carts.get(customer_id)
        if not cart["lines"]:
            raise OrderRejected("cart is empty")
        restaurant = await self.restaurants.get(cart["restaurant_id"])
        if restaurant is None or not restaurant.is_active:
            raise OrderRejected("restaurant is closed")

        items: list[OrderItem] = []
        subtotal = Decimal("0")
        for line in cart["lines"]:
            menu_item = await self.menus.get_item(line["item_id"])
            if menu_item is None or not menu_item.is_available:
                raise OrderRejected(f"item {line['item_id']} is no longer available")
            items.append(
                OrderItem(
                    menu_item_id=menu_item.id,
                    name=menu_item.name,
                    quantity=line["quantity"],
                    unit_price=menu_item.price,
                )
            )
            subtotal += menu_item.price * line["quantity"]

        if subtotal < await self.pricing.minimum_order(restaurant):
            raise OrderRejected("below minimum order")
        dest = await self.geocoder.geocode(address)
        fee = await self.pricing.delivery_fee(restaurant, dest)
        discount = await self.promos.apply(promo_code, subtotal) if promo_code else Decimal("0")
        total = subtotal + fee - discount

        order = await self.orders.add(
            Order(
                customer_id=customer_id,
                restaurant_id=restaurant.id,
                subtotal=subtotal,
                delivery_fee=fee,
                total=total,
                address=address,
                dest_lat=dest[0],
                dest_lon=dest[1],
            ),
            items,
        )
        try:
            charge = await self.payments.charge(order.id, total, payment_token)
        except PaymentDeclined as exc:
            await self.orders.set_status(order.id, OrderStatus.CANCELLED)
            await self.session.commit()
            raise OrderRejected(f"payment declined: {exc.reason}")
        except PaymentUnavailable as exc:
            await self.orders.set_status(order.id, OrderStatus.CANCELLED)
            await self.session.commit()
            raise ServiceBusy("payments are temporarily unavailable") from exc

        await self.orders.add_payment(
            Payment(order_id=order.id, restaurant_id=restaurant.id, provider_ref=charge.provider_ref, amount=total)
        )
        await self.carts.clear(customer_id)
        asyncio.create_task(self.notifier.notify_restaurant_new_order(order.id, restaurant.id))
        receipt = render_receipt(order.id, [(i.name, i.quantity, i.unit_price) for i in items], total)
        await asyncio.to_thread(write_receipt, order.id, receipt)
        self._redis.publish("orders:placed", json.dumps({"order_id": order.id, "restaurant_id": restaurant.id}))
        return order

    async def history(self, customer_id: int) -> list[dict]:
        orders = await self.orders.for_customer(customer_id)
        result = []
        for order in orders:
            lines = await self.orders.items_for(order.id)
            result.append(
                {
                    "id": order.id,
                    "status": order.status.value,
                    "total": str(order.total),
                    "items": [{"name": li.name, "quantity": li.quantity} for li in lines],
                }
            )
        return result

    async def reorder_suggestions(self, customer_id: int) -> list[int]:
        orders = await self.orders.for_customer_with_items(customer_id, limit=10)
        seen: set[int] = set()
        suggestions = []
        for order in orders:
            for item in order.items:
                if item.menu_item_id not in seen:
                    seen.add(item.menu_item_id)
                    suggestions.append(item.menu_item_id)
        return suggestions[:8]

    async def cancel(self, order_id: int, reason: str) -> Order:
        async with order_lock(order_id):
            order = await self.orders.get_for_update(order_id)
            if order is None:
                raise LookupError(order_id)
            if order.status != OrderStatus.DELIVERED or order.status != OrderStatus.CANCELLED:
                order.status = OrderStatus.CANCELLED
                if order.courier_id:
                    async with courier_lock(order.courier_id):
                        await self.couriers.set_status(order.courier_id, "idle")
                payment = await self._payment_for(order.id)
                if payment is not None:
                    await self.payments.refund(payment.provider_ref)
                await self.session.commit()
                logger.info("order %s cancelled: %s", order_id, reason)
                return order
            raise OrderRejected("order can no longer be cancelled")

    async def mark_delivered(self, order_id: int, courier_id: int) -> None:
        async with order_lock(order_id):
            order = await self.orders.get_for_update(order_id)
            if order is None or order.courier_id != courier_id:
                raise LookupError(order_id)
            if order.status not in (OrderStatus.PICKED_UP, OrderStatus.PREPARING):
                raise OrderRejected(f"cannot deliver an order that is {order.status.value}")
            order.status = OrderStatus.DELIVERED
            async with courier_lock(courier_id):
                await self.couriers.set_status(courier_id, "idle")
            await self.session.commit()

    async def _payment_for(self, order_id: int) -> Payment | None:
        from sqlalchemy import select

        return (await self.session.scalars(select(Payment).where(Payment.order_id == order_id))).first()

    async def expire_stale(self) -> int:
        cutoff = datetime.now(timezone.utc) - timedelta(minutes=PENDING_TIMEOUT_MIN)
        stale = await self.orders.stale_pending(cutoff)
        for order in stale:
            await self.cancel(order.id, "restaurant did not accept in time")
        return len(stale)

    async def accept(self, order_id: int, restaurant_id: int, prep_minutes: int) -> Order:
        async with order_lock(order_id):
            order = await self.orders.get_for_update(order_id)
            if order is None or order.restaurant_id != restaurant_id:
                raise LookupError(order_id)
            if order.status is not OrderStatus.PENDING:
                raise OrderRejected(f"order is already {order.status.value}")
            order.status = OrderStatus.ACCEPTED
            await self.orders.add_event(
                "order.accepted", json.dumps({"order_id": order_id, "prep_minutes": prep_minutes})
            )
            await self.session.commit()
        await self._redis.rpush("dispatch:pending", json.dumps({"order_id": order_id}))
        return order

    async def mark_ready(self, order_id: int, restaurant_id: int) -> None:
        order = await self.orders.get(order_id)
        if order is None or order.restaurant_id != restaurant_id:
            raise LookupError(order_id)
        await self.orders.set_status(order_id, OrderStatus.PREPARING)
        await self.orders.add_event("order.ready", json.dumps({"order_id": order_id}))
        await self.session.commit()

    async def restaurant_queue(self, restaurant_id: int) -> list[dict]:
        queue = await self.orders.queue_for_restaurant(restaurant_id)
        now = datetime.now(timezone.utc)
        return [
            {
                "id": o.id,
                "status": o.status.value,
                "waiting_min": int((now - o.created_at).total_seconds() // 60),
                "total": str(o.total),
            }
            for o in queue
        ]
