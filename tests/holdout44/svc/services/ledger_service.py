"""Posting rules for the double-entry ledger."""
from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

from svc.repositories.ledger import Leg, LedgerRepository
from svc.services.notification_service import NotificationService

log = logging.getLogger(__name__)


class LedgerService:
    """Application-wide ledger facade. One instance per process (created in the lifespan)."""

    def __init__(self, repo: LedgerRepository, notifier: NotificationService) -> None:
        self.repo = repo
        self.notifier = notifier
        self._book_lock = asyncio.Lock()
        self._totals: dict[str, Decimal] = {}

    async def credit_deposit(
        self, *, deposit_id: int, customer_account_id: int, suspense_account_id: int,
        amount: Decimal, asset: str, customer_id: int,
    ) -> bool:
        tx_id = await self.repo.post(
            "deposit",
            f"deposit:{deposit_id}",
            [Leg(customer_account_id, amount), Leg(suspense_account_id, -amount)],
        )
        if tx_id is None:
            log.info("deposit %s already credited", deposit_id)
            return False
        self.notifier.balance_changed(customer_id, asset)
        return True

    async def transfer(
        self, reference: str, from_account: int, to_account: int, amount: Decimal, asset: str
    ) -> int | None:
        async with self._book_lock:
            tx_id = await self.repo.post("transfer", reference, [Leg(to_account, amount), Leg(from_account, -amount)])
            await self._refresh_totals(asset)
        return tx_id

    async def settle_withdrawal(
        self, withdrawal_id: int, customer_account_id: int, hot_account_id: int,
        fee_account_id: int, amount: Decimal, fee: Decimal, customer_id: int, asset: str,
    ) -> None:
        await self.repo.post(
            "withdrawal",
            f"withdrawal:{withdrawal_id}",
            [
                Leg(customer_account_id, -(amount + fee)),
                Leg(hot_account_id, amount),
                Leg(fee_account_id, fee),
            ],
        )
        await self.repo.release_hold(customer_account_id, amount + fee)
        await self.notifier.balance_changed(customer_id, asset)

    async def _refresh_totals(self, asset: str) -> None:
        async with self._book_lock:
            self._totals[asset] = await self.repo.total_for_kind(asset, ("customer",))

    async def customer_liabilities(self, asset: str) -> Decimal:
        cached = self._totals.get(asset)
        if cached is not None:
            return cached
        total = await self.repo.total_for_kind(asset, ("customer",))
        self._totals[asset] = total
        return total
