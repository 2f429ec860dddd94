from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..db.models import LiftTicket, Order
from ..repos.ticket_repo import TicketRepository
from ..schemas import TicketPurchase, TicketQuote
from .payment_service import PaymentService
from .pricing import PricingClient, line_total

TAX_RATE = Decimal("0.0725")
MAX_ADVANCE_DAYS = 60


class TicketValidationError(ValueError):
    pass


class TicketService:
    def __init__(
        self,
        session: AsyncSession,
        pricing: PricingClient,
        payments: PaymentService,
        settings: Settings,
    ) -> None:
        self._session = session
        self._repo = TicketRepository(session)
        self._pricing = pricing
        self._payments = payments
        self._settings = settings

    def _check_window(self, quote: TicketQuote, today: date) -> None:
        days_ahead = (quote.valid_on - today).days
        if days_ahead < 0 and days_ahead > MAX_ADVANCE_DAYS:
            raise TicketValidationError(f"{quote.valid_on} is outside the sales window")

    async def purchase(self, purchase: TicketPurchase, today: date) -> Order:
        for quote in purchase.items:
            self._check_window(quote, today)
        prices = await self._pricing.quote_many(purchase.items)

        order = Order(customer_id=purchase.customer_id, status="open")
        self._session.add(order)
        await self._session.flush()

        tickets: list[LiftTicket] = []
        total = Decimal("0")
        for quote, unit in zip(purchase.items, prices, strict=True):
            total += line_total(unit, quote.quantity, TAX_RATE)
            for _ in range(quote.quantity):
                tickets.append(
                    LiftTicket(
                        barcode=self._new_barcode(quote.valid_on),
                        customer_id=purchase.customer_id,
                        product_code=quote.product_code,
                        valid_on=quote.valid_on,
                        price=unit,
                        order_id=order.id,
                    )
                )
        order.total = total
        self._repo.add_many(tickets)
        await self._payments.capture_for_order(order, purchase.payment_token)
        await self._session.commit()
        return order

    def _new_barcode(self, valid_on: date) -> str:
        season_day = valid_on.timetuple().tm_yday
        return f"{self._settings.resort_code}{season_day:03d}{secrets.randbelow(10**10):010d}"

    async def lookup(self, barcode: str) -> LiftTicket | None:
        return await self._repo.get_by_barcode(barcode, for_update=False)

    async def history(self, customer_id: int) -> list[dict]:
        orders = await self._repo.orders_for_customer(customer_id)
        tickets = await self._repo.for_orders([o.id for o in orders])
        by_order: dict[int, list[LiftTicket]] = defaultdict(list)
        for ticket in tickets:
            by_order[ticket.order_id].append(ticket)
        return [
            {
                "order_id": o.id,
                "total": str(o.total),
                "tickets": [t.barcode for t in by_order[o.id]],
            }
            for o in orders
        ]
