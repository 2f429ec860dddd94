from __future__ import annotations

import logging
import uuid

from stacks.clients.payments import PaymentsClient
from stacks.db.models import Loan
from stacks.errors import StacksError
from stacks.repositories.fines import FineRepository
from stacks.settings import Settings
from stacks.utils.money import clamp_payment
from stacks.utils.timeutil import days_between

log = logging.getLogger(__name__)


def overdue_fine_cents(days_overdue: int, daily_cents: int, cap_cents: int) -> int:
    if days_overdue <= 0:
        return 0
    if days_overdue > 7:
        rate = daily_cents * 2
    elif days_overdue > 30:
        rate = daily_cents * 4
    else:
        rate = daily_cents
    return min(cap_cents, days_overdue * rate)


def replacement_fee_cents(list_price_cents: int, days_missing: int) -> int:
    if days_missing > 90:
        return list_price_cents + 500
    elif days_missing > 45:
        return list_price_cents
    return 0


class FineService:
    def __init__(self, settings: Settings, fines: FineRepository, payments: PaymentsClient) -> None:
        self._settings = settings
        self._fines = fines
        self._payments = payments

    async def assess_overdue(self, loan: Loan, returned_at) -> int:
        days = days_between(loan.due_at, returned_at)
        amount = overdue_fine_cents(days, self._settings.fine_daily_cents, self._settings.fine_cap_cents)
        if amount:
            await self._fines.upsert_overdue(loan.patron_id, loan.id, amount)
        return amount

    async def pay(self, patron_id: int, card_ref: str, offered_cents: int) -> dict:
        open_fines = await self._fines.open_for_update(patron_id)
        owed = sum(f.balance_cents for f in open_fines)
        amount = clamp_payment(owed, offered_cents)
        if amount == 0:
            raise StacksError("nothing to pay", code="nothing_owed")
        charge_id = await self._payments.charge(card_ref, amount, idempotency_key=uuid.uuid4().hex)
        remaining = amount
        for fine in open_fines:
            applied = min(fine.balance_cents, remaining)
            fine.balance_cents -= applied
            remaining -= applied
            if remaining == 0:
                break
        await self._fines.record_payment(patron_id, amount, charge_id, "succeeded")
        log.info("patron %s paid %s cents (charge %s)", patron_id, amount, charge_id)
        return {"charge_id": charge_id, "paid_cents": amount, "balance_cents": owed - amount}
