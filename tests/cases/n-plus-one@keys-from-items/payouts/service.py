"""Payout batches: balances looked up per distinct key, and the correct forms beside them."""
from __future__ import annotations

from dataclasses import dataclass

from payouts.repository import LedgerRepository

STATUSES = ("pending", "processing", "failed")


@dataclass
class Payout:
    seller_id: int
    currency: str
    amount_minor: int


class PayoutService:
    def __init__(self, ledger: LedgerRepository) -> None:
        self._ledger = ledger

    async def balances(self, batch: list[Payout]) -> dict[tuple[int, str], int]:
        balances: dict[tuple[int, str], int] = {}
        for seller_id, currency in sorted({(p.seller_id, p.currency) for p in batch}):
            balances[(seller_id, currency)] = await self._ledger.fetch_balance(seller_id, currency)  # expect: n-plus-one
        return balances

    async def balances_batched(self, batch: list[Payout]) -> dict[tuple[int, str], int]:
        return await self._ledger.fetch_balances(sorted({p.seller_id for p in batch}))

    async def overview(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in sorted(STATUSES):
            counts[status] = await self._ledger.count_by_status(status)
        return counts

    def keys(self, batch: list[Payout]) -> list[str]:
        names = []
        for seller_id, currency in sorted({(p.seller_id, p.currency) for p in batch}):
            names.append(f"{seller_id}:{currency}")
        return names
