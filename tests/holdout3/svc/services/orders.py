from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.payments import PaymentProviderClient
from svc.clients.tax import TaxClient
from svc.db.models import Buyer, Order, OrderItem
from svc.errors import DomainError, InsufficientStockError, NotFoundError
from svc.repositories.catalog import ListingRepository
from svc.repositories.orders import OrderRepository
from svc.schemas import ItemView, OrderView, SaleView
from svc.services import pricing
from svc.services.checkout import CheckoutService, RedisCartStore
from svc.services.ledger import LedgerService
from svc.services.notifications import NotificationService

log = logging.getLogger(__name__)


class OrderService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        payments: PaymentProviderClient,
        tax: TaxClient,
        fees: pricing.FeeCalculator,
        ledger: LedgerService,
        checkout: CheckoutService,
        carts: RedisCartStore,
        notifications: NotificationService,
    ) -> None:
        self._session = session
        self._orders = OrderRepository(session)
        self._listings = ListingRepository(session)
        self._payments = payments
        self._tax = tax
        self._fees = fees
        self._ledger = ledger
        self._checkout = checkout
        self._carts = carts
        self._notifications = notifications

    async def confirm_checkout(self, buyer_id: int, quote_id: str, payment_id: str) -> Order:
        quote = self._checkout.take_quote(quote_id, buyer_id)
        priced = quote.priced
        found = await self._listings.by_ids([line.listing_id for line in priced.lines])
        listings = {listing.id: listing for listing in found}
        for line in priced.lines:
            listing = listings.get(line.listing_id)
            if listing is None:
                raise DomainError(f"listing {line.listing_id} is no longer available", code="unavailable")
            if listing.quantity < line.quantity:
                raise InsufficientStockError(f"only {listing.quantity} left of '{listing.title}'")

        await self._payments.capture(payment_id, priced.total_minor, idempotency_key=f"capture-{quote_id}")

        order = Order(
            buyer_id=buyer_id,
            status="paid",
            currency=priced.currency,
            subtotal_minor=priced.subtotal_minor,
            tax_minor=priced.tax_minor,
            fee_minor=priced.fee_minor,
            total_minor=priced.total_minor,
            payment_id=payment_id,
        )
        for line in priced.lines:
            listings[line.listing_id].quantity -= line.quantity
            order.items.append(
                OrderItem(
                    listing_id=line.listing_id,
                    seller_id=line.seller_id,
                    title=line.title,
                    quantity=line.quantity,
                    unit_price_minor=line.unit_price_minor,
                    tax_minor=line.tax_minor,
                )
            )
        self._session.add(order)
        await self._session.commit()
        await self._ledger.record_sale(order)
        await self._carts.clear(buyer_id)
        asyncio.create_task(self._notifications.order_placed(order.id, [line.seller_id for line in priced.lines]))
        return order

    async def buy_now(self, buyer: Buyer, listing_id: int, quantity: int, payment_id: str) -> Order:
        listing = await self._listings.get_for_update(listing_id)
        if listing.quantity < quantity:
            raise InsufficientStockError(f"only {listing.quantity} left")
        amount = listing.price_minor * quantity
        tax_minor = await asyncio.to_thread(pricing.line_tax, self._tax, buyer, listing, quantity)
        fee_minor = self._fees.platform_fee(listing.seller_id, listing.category, amount)
        await self._payments.capture(payment_id, amount + tax_minor, idempotency_key=f"buy-now-{payment_id}")
        listing.quantity -= quantity
        order = Order(
            buyer_id=buyer.id,
            status="paid",
            currency=listing.currency,
            subtotal_minor=amount,
            tax_minor=tax_minor,
            fee_minor=fee_minor,
            total_minor=amount + tax_minor,
            payment_id=payment_id,
            items=[
                OrderItem(
                    listing_id=listing.id,
                    seller_id=listing.seller_id,
                    title=listing.title,
                    quantity=quantity,
                    unit_price_minor=listing.price_minor,
                    tax_minor=tax_minor,
                )
            ],
        )
        self._session.add(order)
        await self._session.commit()
        await self._ledger.record_sale(order)
        return order

    async def preview_fee(self, listing_id: int, quantity: int) -> dict[str, int]:
        listing = await self._listings.get(listing_id)
        amount = listing.price_minor * quantity
        fee = await self._fees.platform_fee(listing.seller_id, listing.category, amount)
        return {"amount_minor": amount, "fee_minor": fee, "seller_receives_minor": amount - fee}

    async def refund_item(self, order_id: int, item_id: int, quantity: int) -> int:
        order = await self._orders.get(order_id)
        lines = await order.awaitable_attrs.items
        item = next((i for i in lines if i.id == item_id), None)
        if item is None:
            raise NotFoundError(f"item {item_id} not found on order {order_id}")
        if quantity > item.quantity - item.refunded_quantity:
            raise DomainError("refund quantity exceeds what remains", code="refund_too_large")
        buyer = await self._session.get(Buyer, order.buyer_id)
        listing = await self._listings.get(item.listing_id)
        tax_back = await asyncio.to_thread(pricing.refund_tax, self._tax, buyer, item, listing.category, quantity)
        amount = item.unit_price_minor * quantity + tax_back
        await self._payments.refund(order.payment_id or "", amount, idempotency_key=f"refund-{item.id}-{item.refunded_quantity}")
        item.refunded_quantity += quantity
        await self._session.commit()
        await self._ledger.reverse_order(order.id, seller_id=item.seller_id, fraction=quantity / item.quantity)
        return amount

    async def buyer_history(self, buyer_id: int) -> list[OrderView]:
        orders = await self._orders.list_for_buyer_with_items(buyer_id)
        return [
            OrderView(
                id=order.id,
                status=order.status,
                total_minor=order.total_minor,
                currency=order.currency,
                created_at=order.created_at,
                items=[
                    ItemView(listing_id=i.listing_id, title=i.title, quantity=i.quantity, unit_price_minor=i.unit_price_minor)
                    for i in order.items
                ],
            )
            for order in orders
        ]

    async def seller_sales(self, seller_id: int) -> list[SaleView]:
        orders: Sequence[Order] = await self._orders.recent_for_seller(seller_id)
        sales: list[SaleView] = []
        for order in orders:
            items = await order.awaitable_attrs.items
            sales.extend(
                SaleView(
                    order_id=order.id,
                    listing_id=item.listing_id,
                    title=item.title,
                    quantity=item.quantity,
                    amount_minor=item.quantity * item.unit_price_minor,
                    created_at=order.created_at,
                )
                for item in items
                if item.seller_id == seller_id
            )
        return sales
