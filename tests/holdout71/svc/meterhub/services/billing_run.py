from __future__ import annotations

import logging
import time
import uuid
from datetime import date, datetime, time as dtime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import update

from ..db import SessionLocal, readings_pool
from ..errors import Conflict
from ..observability import BILLING_RUN_SECONDS, INVOICES_ISSUED
from ..models import Account, Invoice, InvoiceLine, InvoiceStatus
from ..repositories.accounts import AccountRepository
from ..repositories.invoices import InvoiceRepository
from ..repositories.readings import ReadingsRepository
from ..utils.timeutil import billing_period
from .tariff import TariffService, invoice_charges

log = logging.getLogger(__name__)

_active_run_id: str | None = None
PAYMENT_TERMS_DAYS = 21


def _utc_midnight(d: date) -> datetime:
    return datetime.combine(d, dtime.min, tzinfo=timezone.utc)


class BillingRun:
    def __init__(self) -> None:
        self._readings = ReadingsRepository(readings_pool)

    async def run_cycle(self, billing_day: int, today: date) -> dict:
        global _active_run_id
        if _active_run_id is not None:
            raise Conflict("a billing run is already in progress", run_id=_active_run_id)
        run_id = str(uuid.uuid4())
        _active_run_id = run_id
        started = time.perf_counter()
        issued = skipped = 0
        try:
            period_start, period_end = billing_period(billing_day, today)
            after = 0
            while True:
                async with SessionLocal() as session:
                    accounts = AccountRepository(session)
                    page = await accounts.billable_page(billing_day, after)
                    if not page:
                        break
                    tariffs = await TariffService(session).all_current({a.tariff_code for a in page}, period_end)
                    invoices = InvoiceRepository(session)
                    for account in page:
                        made = await self._bill_account(
                            session, invoices, account, tariffs, period_start, period_end, run_id
                        )
                        issued += made
                        skipped += 1 - made
                    await session.commit()
                    after = page[-1].id
        finally:
            _active_run_id = None
            BILLING_RUN_SECONDS.observe(time.perf_counter() - started)
        log.info("billing run %s day=%s issued=%d skipped=%d", run_id, billing_day, issued, skipped)
        return {"run_id": run_id, "issued": issued, "skipped": skipped}

    async def _bill_account(self, session, invoices, account, tariffs, period_start, period_end, run_id) -> int:
        start, end = _utc_midnight(period_start), _utc_midnight(period_end)
        used = Decimal("0")
        for meter in account.meters:
            series = await self._readings.usage_between(meter.id, start, end)
            if len(series) >= 2:
                used += (series[-1]["value"] - series[0]["value"]) * meter.multiplier
        if used <= 0 and not account.meters:
            return 0
        days = (period_end - period_start).days
        charges = invoice_charges(tariffs, account.tariff_code, used, days)
        total = sum((c.amount for c in charges), Decimal("0.00"))
        invoice = Invoice(
            number=await invoices.next_number(),
            account_id=account.id,
            billing_run_id=run_id,
            period_start=period_start,
            period_end=period_end,
            total=total,
            status=InvoiceStatus.ISSUED,
            due_date=period_end + timedelta(days=PAYMENT_TERMS_DAYS),
            issued_at=datetime.now(timezone.utc),
        )
        lines = [InvoiceLine(description=c.description, quantity=c.quantity, unit_price=c.unit_price, amount=c.amount) for c in charges]
        await invoices.add(invoice, lines)
        await session.execute(
            update(Account).where(Account.id == account.id).values(balance=Account.balance + total)
        )
        INVOICES_ISSUED.inc()
        return 1
