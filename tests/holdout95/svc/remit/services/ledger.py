"""Ledger postings for each step of a transfer's life."""
from __future__ import annotations

import copy
import uuid
from decimal import Decimal

from ..repositories.ledger import Entry, LedgerRepository


def customer_account(sender_id: uuid.UUID, currency: str) -> str:
    return f"customer:{sender_id}:{currency}"


def float_account(partner_id: str, currency: str) -> str:
    return f"float:{partner_id}:{currency}"


def clearing_account(currency: str) -> str:
    return f"clearing:card:{currency}"


def fee_account(currency: str) -> str:
    return f"revenue:fees:{currency}"


def fx_account(currency: str) -> str:
    return f"fx:position:{currency}"


class LedgerService:
    def __init__(self, repo: LedgerRepository) -> None:
        self._repo = repo

    async def post_entries(self, transfer_id: uuid.UUID, entries: list[Entry]) -> None:
        snapshot = copy.deepcopy(entries)
        # Entries are posted in account order so concurrent postings touching the same
        # accounts take row locks in the same sequence.
        ordered = sorted(snapshot, key=lambda e: e.account_id)
        await self._repo.post(transfer_id, ordered)

    def funding_entries(self, sender_id: uuid.UUID, amount: Decimal, fee: Decimal, currency: str) -> list[Entry]:
        return [
            Entry(clearing_account(currency), amount, currency),
            Entry(customer_account(sender_id, currency), -(amount - fee), currency),
            Entry(fee_account(currency), -fee, currency),
        ]

    def payout_entries(
        self, sender_id: uuid.UUID, partner_id: str, source_amount: Decimal, fee: Decimal,
        source_currency: str, target_amount: Decimal, target_currency: str,
    ) -> list[Entry]:
        net = source_amount - fee
        return [
            Entry(customer_account(sender_id, source_currency), net, source_currency),
            Entry(fx_account(source_currency), -net, source_currency),
            Entry(fx_account(target_currency), target_amount, target_currency),
            Entry(float_account(partner_id, target_currency), -target_amount, target_currency),
        ]

    def refund_entries(self, sender_id: uuid.UUID, amount: Decimal, fee: Decimal, currency: str) -> list[Entry]:
        return [
            Entry(customer_account(sender_id, currency), amount - fee, currency),
            Entry(fee_account(currency), fee, currency),
            Entry(clearing_account(currency), -amount, currency),
        ]

    async def balance(self, account_id: str) -> Decimal:
        return await self._repo.balance(account_id)
