from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from ..clients.notify import Notifier
from ..clients.payments import CardProcessor
from ..clients.storage import PhotoStore
from ..errors import Conflict, NotFound, PaymentDeclined
from ..repositories.bookings import BookingRepository
from ..utils.ids import idempotency_key, short_ref

logger = logging.getLogger(__name__)

PRICE_PER_ITEM_PENCE = 1250
MAX_ITEMS = 6


@dataclass(slots=True)
class BookingResult:
    booking_id: int
    reference: str
    amount_pence: int
    status: str


class BulkyService:
    def __init__(self, repo: BookingRepository, payments: CardProcessor, notifier: Notifier,
                 storage: PhotoStore) -> None:
        self.repo = repo
        self.payments = payments
        self.notifier = notifier
        self.storage = storage

    async def book(self, depot_id: str, slot_date: date, address: str, items: list[str],
                   card_token: str, phone: str) -> BookingResult:
        if not 0 < len(items) <= MAX_ITEMS:
            raise Conflict(f"between 1 and {MAX_ITEMS} items per booking")
        slot = await self.repo.slot(depot_id, slot_date)
        if slot is None:
            raise NotFound(f"no bulky collection on {slot_date} for {depot_id}")
        taken = await self.repo.count_active(slot["id"])
        if taken >= slot["capacity"]:
            raise Conflict("that day is fully booked")
        reference = short_ref()
        amount = PRICE_PER_ITEM_PENCE * len(items)
        booking_id = await self.repo.insert(slot["id"], reference, address, "\n".join(items), amount)
        try:
            charge_id = await self.payments.charge(
                amount_pence=amount, token=card_token, description=f"Bulky collection {reference}",
                idempotency_key=idempotency_key("bulky", str(booking_id)),
            )
        except PaymentDeclined:
            await self.repo.cancel(booking_id)
            raise
        await self.repo.mark_paid(booking_id, charge_id)
        await self.notifier.send_sms(phone, f"Bulky collection {reference} booked for {slot_date:%d %b}.")
        return BookingResult(booking_id, reference, amount, "paid")

    async def store_receipt(self, reference: str, pdf: bytes) -> str:
        return await asyncio.to_thread(self.storage.put_receipt, reference, pdf)

    async def cancel(self, booking_id: int) -> bool:
        row = await self.repo.cancel(booking_id)
        if row is None:
            return False
        if row["charge_id"]:
            await self.payments.refund(row["charge_id"], idempotency_key("refund", str(booking_id)))
        logger.info("bulky booking %d cancelled", booking_id)
        return True
