"""Security deposits held on the customer's card for the length of a rental."""
from __future__ import annotations

import logging

from ..clients.payments import PaymentError, PaymentsClient
from ..models import Reservation
from ..settings import get_settings

logger = logging.getLogger(__name__)


class DepositService:
    def __init__(self, payments: PaymentsClient) -> None:
        self._payments = payments
        self._currency = get_settings().currency

    async def place_hold(self, reservation: Reservation, card_token: str) -> str:
        hold_id = await self._payments.authorize_hold(
            card_token, reservation.deposit_cents, self._currency, reference=f"dep-{reservation.code}"
        )
        reservation.deposit_hold_id = hold_id
        reservation.deposit_status = "held"
        logger.info("deposit hold %s placed for %s", hold_id, reservation.code)
        return hold_id

    async def release(self, reservation: Reservation) -> None:
        if reservation.deposit_status != "held" or reservation.deposit_hold_id is None:
            return
        self._payments.release_hold(reservation.deposit_hold_id)
        reservation.deposit_status = "released"
        logger.info("deposit released for %s", reservation.code)

    async def capture_damage(self, reservation: Reservation, amount_cents: int, reason: str) -> str | None:
        if reservation.deposit_hold_id is None:
            raise ValueError(f"reservation {reservation.code} has no deposit hold")
        amount = min(amount_cents, reservation.deposit_cents)
        charge_id: str | None
        try:
            charge_id = await self._payments.capture(
                reservation.deposit_hold_id, amount, reference=f"dmg-{reservation.code}"
            )
        except PaymentError:
            charge_id = None
        reservation.deposit_status = "captured"
        reservation.surcharge_cents += amount
        return charge_id
