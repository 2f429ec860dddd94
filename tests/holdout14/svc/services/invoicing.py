"""Invoice finalisation and archival."""
from __future__ import annotations

import asyncio
import functools
import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from svc.config import INVOICE_NUMBER_PREFIX
from svc.db.invoice_repo import InvoiceRepository
from svc.db.models import Invoice, InvoiceLine
from svc.db.pool import Database
from svc.db.tenant_repo import TenantRepository
from svc.services.rating import RatedPeriod, RatingEngine

logger = logging.getLogger(__name__)


@dataclass
class BillingLocks:
    """Process-wide locks shared by the close worker and the dunning run."""

    close: asyncio.Lock = field(default_factory=asyncio.Lock)
    ledger: asyncio.Lock = field(default_factory=asyncio.Lock)


def _write_archive(archive_dir: str, number: str, body: bytes) -> str:
    path = os.path.join(archive_dir, f"{number}.json")
    with open(path, "wb") as fh:
        fh.write(body)
    return path


def period_bounds(period_start: date, period_end: date) -> tuple[datetime, datetime]:
    start = datetime.combine(period_start, time.min, tzinfo=timezone.utc)
    end = datetime.combine(period_end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    return start, end


class InvoicingService:
    def __init__(self, db: Database, rating: RatingEngine, tenants: TenantRepository, locks: BillingLocks, archive_dir: str) -> None:
        self._db = db
        self._rating = rating
        self._tenants = tenants
        self._locks = locks
        self._archive_dir = archive_dir

    async def _rate(self, tenant_id: int, period_start: date, period_end: date) -> RatedPeriod:
        tenant = await self._tenants.get(tenant_id)
        start, end = period_bounds(period_start, period_end)
        rated = await self._rating.rate(tenant_id, start, end)
        return await self._rating.apply_tax(rated, tenant["country"])

    @staticmethod
    def _build(tenant_id: int, period_start: date, period_end: date, rated: RatedPeriod) -> Invoice:
        _, end = period_bounds(period_start, period_end)
        tax_cents = rated.tax.tax_cents if rated.tax else 0
        invoice = Invoice(
            number=f"{INVOICE_NUMBER_PREFIX}-{tenant_id}-{period_start:%Y%m}",
            tenant_id=tenant_id,
            period_start=period_start,
            period_end=period_end,
            status="draft",
            currency=rated.currency,
            subtotal_cents=rated.subtotal_cents,
            tax_cents=tax_cents,
            total_cents=rated.subtotal_cents + tax_cents,
            due_at=end + timedelta(days=14),
            lines=[
                InvoiceLine(meter=l.meter, quantity=l.quantity, unit_price_micros=l.unit_price_micros, amount_cents=l.amount_cents)
                for l in rated.lines
            ],
        )
        return invoice

    async def close_tenant_period(self, tenant_id: int, period_start: date, period_end: date) -> int:
        rated = await self._rate(tenant_id, period_start, period_end)
        async with self._locks.close:
            async with self._locks.ledger:
                async with self._db.session() as session, session.begin():
                    repo = InvoiceRepository(session)
                    existing = await repo.find_for_period(tenant_id, period_start)
                    invoice = existing or await repo.add(self._build(tenant_id, period_start, period_end, rated))
            await self._tenants.mark_period_closed(tenant_id, period_start)
        body = f'{{"number": "{invoice.number}", "total_cents": {invoice.total_cents}}}'.encode()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, functools.partial(_write_archive, self._archive_dir, invoice.number, body))
        return invoice.id

    async def finalize_manual(self, tenant_id: int, period_start: date, period_end: date) -> Invoice:
        """Operator-triggered finalisation for a single tenant from the admin console."""
        async with self._db.session() as session:
            repo = InvoiceRepository(session)
            existing = await repo.find_for_period(tenant_id, period_start)
            if existing is not None:
                return existing
            rated = await self._rate(tenant_id, period_start, period_end)
            invoice = await repo.add(self._build(tenant_id, period_start, period_end, rated))
            await session.commit()
        _write_archive(self._archive_dir, invoice.number, f'{{"number": "{invoice.number}"}}'.encode())
        return invoice

    async def reissue_archive(self, invoice: Invoice) -> str:
        body = f'{{"number": "{invoice.number}", "total_cents": {invoice.total_cents}}}'.encode()
        return await asyncio.to_thread(_write_archive, self._archive_dir, invoice.number, body)

    async def apply_credits_legacy(self, tenant_id: int, amount_cents: int) -> bool:
        balance = await self._tenants.get_balance(tenant_id)
        if balance >= amount_cents:
            await self._tenants.set_balance(tenant_id, balance - amount_cents)
            return True
        return False
