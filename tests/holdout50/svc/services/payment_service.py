from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payment_client import PaymentClient, PaymentDeclined
from ..db.models import Order, Payment

log = logging.getLogger(__name__)


class CheckoutFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PaymentService:
    def __init__(self, client: PaymentClient, session: AsyncSession) -> None:
        self._client = client
        self._session = session

    async def capture_for_order(self, order: Order, token: str) -> Payment:
        reference = f"order-{order.id}"
        try:
            charge = await self._client.charge(token, order.total, reference)
        except PaymentDeclined as exc:
            raise CheckoutFailed(f"card declined: {exc}") from exc
        except Exception:
            raise CheckoutFailed("card declined")
        payment = Payment(
            order_id=order.id,
            provider_ref=charge["id"],
            amount=Decimal(charge["amount"]),
            status=charge["status"],
        )
        self._session.add(payment)
        order.status = "paid"
        order.payment_ref = charge["id"]
        return payment
