"""Seller ledger: sales, fees, payouts, reversals, wallet transfers and monthly statements."""
from __future__ import annotations

import asyncio
import copy
import csv
import io
import logging
import weakref
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Order
from svc.errors import DomainError
from svc.repositories.ledger import EntryIn, LedgerRepository
from svc.repositories.orders import PayoutRepository
from svc.schemas import StatementOut
from svc.services import locks

log = logging.getLogger(__name__)

_seller_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()


def _seller_lock(seller_id: int) -> asyncio.Lock:
    lock = _seller_locks.get(seller_id)
    if lock is None:
        lock = asyncio.Lock()
        _seller_locks[seller_id] = lock
    return lock


class LedgerService:
    def __init__(self, repo: LedgerRepository, session: AsyncSession) -> None:
        self._repo = repo
        self._payouts = PayoutRepository(session)

    async def post(self, entries: Sequence[EntryIn]) -> None:
        async with locks.ledger_lock:
            await self._repo.insert_entries(entries)

    async def record_sale(self, order: Order) -> None:
        items = await order.awaitable_attrs.items
        gross_by_seller: dict[int, int] = defaultdict(int)
        for item in items:
            gross_by_seller[item.seller_id] += item.unit_price_minor * item.quantity
        subtotal = max(order.subtotal_minor, 1)
        entries: list[EntryIn] = []
        for seller_id, gross in gross_by_seller.items():
            account_id = await self._repo.ensure_account(seller_id, order.currency)
            fee = order.fee_minor * gross // subtotal
            entries.append(EntryIn(account_id, seller_id, order.id, None, "sale", gross, order.currency))
            entries.append(EntryIn(account_id, seller_id, order.id, None, "platform_fee", -fee, order.currency))
        await self.post(entries)

    async def record_payout(self, seller_id: int, payout_id: int, amount_minor: int, currency: str) -> None:
        account_id = await self._repo.ensure_account(seller_id, currency)
        await self.post([EntryIn(account_id, seller_id, None, payout_id, "payout", -amount_minor, currency)])

    async def record_payout_failure(self, seller_id: int, payout_id: int, amount_minor: int, currency: str) -> None:
        account_id = await self._repo.ensure_account(seller_id, currency)
        await self.post([EntryIn(account_id, seller_id, None, payout_id, "payout_reversal", amount_minor, currency)])

    async def reverse_order(self, order_id: int, *, seller_id: int, fraction: float = 1.0) -> None:
        """Reverse a seller's sale and fee entries for an order (refunds)."""
        async with locks.ledger_lock:  # the reversal and the balance check must see the same entries
            original = await self._repo.entries_for_order(order_id)
            reversal = [
                EntryIn(
                    row["account_id"], seller_id, order_id, None, "reversal",
                    -round(row["amount_minor"] * fraction), row["currency"],
                )
                for row in original
                if row["seller_id"] == seller_id and row["entry_type"] in ("sale", "platform_fee")
            ]
            if not reversal:
                return
            await self._repo.insert_entries(reversal)
            balance = await self._repo.fetch_balance(seller_id, reversal[0].currency)
            if balance < 0:
                held = await self._payouts.hold_pending_for_seller(seller_id)
                log.warning("seller %s negative after refund; %d payouts held", seller_id, held)

    async def transfer_between_sellers(
        self, from_seller: int, to_seller: int, amount_minor: int, currency: str, reason: str
    ) -> None:
        """Move funds between two seller wallets (chargeback splits, shared-shop settlements)."""
        if from_seller == to_seller:
            raise DomainError("cannot transfer to the same seller")
        low, high = sorted((from_seller, to_seller))
        async with _seller_lock(low), _seller_lock(high):
            available = await self._repo.fetch_balance(from_seller, currency)
            if available < amount_minor:
                raise DomainError("insufficient balance for transfer", code="insufficient_balance")
            source = await self._repo.ensure_account(from_seller, currency)
            target = await self._repo.ensure_account(to_seller, currency)
            await self.post([
                EntryIn(source, from_seller, None, None, "transfer_out", -amount_minor, currency),
                EntryIn(target, to_seller, None, None, "transfer_in", amount_minor, currency),
            ])
            log.info("wallet transfer %s -> %s %d %s (%s)", from_seller, to_seller, amount_minor, currency, reason)


class StatementError(Exception):
    """Raised when a statement cannot be produced for the requested period."""


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    if not 1 <= month <= 12:
        raise StatementError(f"invalid month {month}")
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return start, end


class StatementService:
    def __init__(self, ledger: LedgerRepository) -> None:
        self._ledger = ledger

    async def balance(self, seller_id: int, currency: str) -> int:
        return await self._ledger.get_balance(seller_id, currency)

    async def monthly(self, seller_id: int, year: int, month: int) -> StatementOut:
        start, end = _month_bounds(year, month)
        records = await self._ledger.entries_for_statement(seller_id, start, end)
        if not records:
            raise StatementError(f"no ledger activity for seller {seller_id} in {year}-{month:02d}")
        lines = [dict(record) for record in records]
        ordered = sorted(copy.deepcopy(lines), key=lambda line: (line["created_at"], line["entry_type"]))
        totals = pd.DataFrame.from_records(lines).groupby(["currency", "entry_type"])["amount_minor"].sum()
        return StatementOut(
            seller_id=seller_id,
            period=f"{year}-{month:02d}",
            totals={f"{currency}:{entry_type}": int(v) for (currency, entry_type), v in totals.items()},
            lines=ordered,
        )


def statement_csv(statement: StatementOut) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=["created_at", "entry_type", "amount_minor", "currency", "order_id", "payout_id"]
    )
    writer.writeheader()
    for line in statement.lines:
        writer.writerow({key: line.get(key) for key in writer.fieldnames})
    return buffer.getvalue()
