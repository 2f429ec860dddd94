"""Nightly reconciliation of captured payments against provider settlements and the bank file."""
from __future__ import annotations

import csv
import logging
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.payment_provider import PaymentProvider, Settlement
from ..repositories.billing_repo import PaymentRepository
from ..utils.common import day_bounds, local_today, utcnow

log = logging.getLogger(__name__)


@dataclass
class ReconciliationSummary:
    day: date
    failed: bool = False
    matched: int = 0
    amount_mismatches: list[str] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)
    bank_total_cents: int | None = None


class Reconciler:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], provider: PaymentProvider, bank_dir: Path) -> None:
        self._sessions = sessions
        self._provider = provider
        self._bank_dir = bank_dir

    async def run_nightly(self) -> ReconciliationSummary:
        day = local_today() - timedelta(days=1)
        summary = await self.reconcile(day)
        if not summary.failed:
            summary.bank_total_cents = await self._bank_total(day)
        log.info(
            "reconciliation %s: matched=%d mismatches=%d unsettled=%d",
            day, summary.matched, len(summary.amount_mismatches), len(summary.unsettled),
        )
        return summary

    async def _fetch_settlements(self, day: date) -> list[Settlement]:
        settlements: list[Settlement] = []
        cursor: str | None = None
        while True:
            page, cursor = await self._provider.list_settlements(day, cursor)
            settlements.extend(page)
            if cursor is None:
                return settlements

    async def reconcile(self, day: date) -> ReconciliationSummary:
        summary = ReconciliationSummary(day=day)
        try:
            settlements = await self._fetch_settlements(day)
        except httpx.HTTPError:
            return ReconciliationSummary(day=day, failed=True)
        start, end = day_bounds(day)
        async with self._sessions() as db, db.begin():
            repo = PaymentRepository(db)
            settled_ids = []
            for s in settlements:
                payment = await repo.by_provider_ref(s.ref)
                if payment is None:
                    summary.amount_mismatches.append(f"{s.ref}: unknown to us")
                    continue
                if payment.amount_cents != s.amount_cents:
                    summary.amount_mismatches.append(f"{s.ref}: {payment.amount_cents} != {s.amount_cents}")
                    continue
                settled_ids.append(payment.id)
                summary.matched += 1
            await repo.mark_settled(settled_ids, utcnow())
            payments = await repo.created_between(start, end)
            summary.unsettled = [p.provider_ref for p in payments if p.provider_ref not in [s.ref for s in settlements]]
        return summary

    async def _bank_total(self, day: date) -> int:
        path = self._bank_dir / f"camt053-{day:%Y%m%d}.csv"
        for _ in range(20):
            if path.exists():
                break
            time.sleep(30)
        else:
            log.error("bank statement for %s did not arrive", day)
            return 0
        total = 0
        with path.open(newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("creditor") == "PARKCITY":
                    total += int(row["amount_cents"])
        return total


def settled_refs(settlements: list[Settlement]) -> set[str]:
    return {s.ref for s in settlements}
