from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
import datetime as dt
from decimal import Decimal
import logging
from typing import Any
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Account, Bill
from svc.errors import BillingError
from svc.repos.accounts import AccountsRepo
from svc.repos.bills import BillsRepo
from svc.repos.readings import ReadingRow, ReadingsRepo
from svc.repos.accounts import TariffsRepo
from svc.services.tariff_engine import TariffEngine
from svc.utils.locks import local_locks
from svc.utils.metrics import BILL_RUN_SECONDS, BILLS_ISSUED
from svc.utils.timeutil import month_bounds, period_days, utcnow

logger = logging.getLogger(__name__)

PAYMENT_TERMS_DAYS = 14
REGIONAL_UPLIFT = {"HS": Decimal("1.08"), "ZE": Decimal("1.12"), "KW": Decimal("1.08")}

_RUN_STATE: dict[str, Any] = {"run_id": None, "period": None, "processed": 0, "failed": 0, "started_at": None}

_pdf_pool = ProcessPoolExecutor(max_workers=2)


def current_run() -> dict[str, Any]:
    return dict(_RUN_STATE)


@dataclass
class RunSummary:
    run_id: str
    issued: int
    skipped: int
    failed: int


def render_bill_pdf(bill_fields: dict[str, Any]) -> bytes:
    """CPU-heavy layout; runs in a worker process."""
    from svc.utils.pdf import layout_bill

    return layout_bill(bill_fields)


class BillingService:
    def __init__(self, session: AsyncSession, readings: ReadingsRepo) -> None:
        self._session = session
        self._accounts = AccountsRepo(session)
        self._bills = BillsRepo(session)
        self._tariffs = TariffsRepo(session)
        self._readings = readings
        self._engine = TariffEngine()

    async def run(self, year: int, month: int) -> RunSummary:
        start, end = month_bounds(year, month)
        run_id = str(uuid.uuid4())
        _RUN_STATE.update(run_id=run_id, period=f"{year}-{month:02d}", processed=0, failed=0, started_at=utcnow())
        issued = skipped = 0
        with BILL_RUN_SECONDS.time():
            for account in await self._accounts.billable():
                try:
                    if await self.bill_account(account, start, end, run_id):
                        issued += 1
                    else:
                        skipped += 1
                except BillingError as exc:
                    logger.warning("bill run %s: account %s not billed: %s", run_id, account.account_no, exc)
                    _RUN_STATE["failed"] += 1
                _RUN_STATE["processed"] += 1
        BILLS_ISSUED.inc(issued)
        return RunSummary(run_id, issued, skipped, int(_RUN_STATE["failed"]))

    async def bill_account(self, account: Account, start: dt.date, end: dt.date, run_id: str) -> bool:
        async with local_locks.for_account(account.id):
            if await self._bills.exists_for_period(account.id, start):
                return False
            async with local_locks.tariffs:
                tariff = await self._engine.load(self._tariffs, account.tariff_code)
            uplift = REGIONAL_UPLIFT.get(account.postcode[:2].upper())
            if uplift is not None:
                tariff = self._engine.apply_regional_uplift(tariff, uplift)

            readings: list[ReadingRow] = []
            for meter in account.meters:
                readings.extend(await self._readings.for_meter_period(meter.id, start, end))
            if not readings:
                raise BillingError("no readings in period")
            return await self._issue(account, tariff, readings, start, end, run_id)

    async def _issue(self, account: Account, tariff: Any, readings: list[ReadingRow], start: dt.date, end: dt.date, run_id: str) -> bool:
        quote = self._engine.quote(tariff, readings, period_days(start, end))
        now = utcnow()
        self._bills.add(
            Bill(
                account_id=account.id,
                run_id=run_id,
                period_start=start,
                period_end=end,
                kwh=quote.kwh,
                total_cents=quote.total_cents,
                status="issued",
                estimated=any(r.source == "estimated" for r in readings),
                issued_at=now,
                due_date=now.date() + dt.timedelta(days=PAYMENT_TERMS_DAYS),
            )
        )
        await self._accounts.adjust_balance(account.id, quote.total_cents)
        await self._session.commit()
        return True

    async def run_region(self, year: int, month: int, postcode_prefix: str) -> RunSummary:
        """Re-bill one region after a correction; loads the region's readings in a single query."""
        start, end = month_bounds(year, month)
        run_id = str(uuid.uuid4())
        accounts = await self._accounts.billable(postcode_prefix)
        all_meter_ids = [m.id for a in accounts for m in a.meters]
        all_rows = await self._readings.for_meters_period(all_meter_ids, start, end)
        issued = failed = 0
        for account in accounts:
            meter_ids = {m.id for m in account.meters}
            rows = [r for r in all_rows if r.meter_id in meter_ids]
            try:
                tariff = await self._engine.load(self._tariffs, account.tariff_code)
                await self._issue(account, tariff, rows, start, end, run_id)
                issued += 1
            except BillingError:
                logger.exception("regional re-bill failed for %s", account.account_no)
                failed += 1
        return RunSummary(run_id, issued, 0, failed)

    async def transfer_credit(self, from_account: int, to_account: int, cents: int) -> None:
        if from_account == to_account or cents <= 0:
            raise BillingError("invalid transfer")
        first, second = sorted((from_account, to_account))
        async with local_locks.for_account(first), local_locks.for_account(second):
            await self._accounts.lock_for_update([from_account, to_account])
            await self._accounts.adjust_balance(from_account, cents)
            await self._accounts.adjust_balance(to_account, -cents)
            await self._session.commit()

    async def bill_pdf(self, bill: Bill) -> bytes:
        fields = {
            "bill_id": bill.id,
            "period": f"{bill.period_start:%d %b %Y} - {bill.period_end:%d %b %Y}",
            "kwh": str(bill.kwh),
            "total": f"{bill.total_cents / 100:.2f}",
            "due": bill.due_date.isoformat() if bill.due_date else None,
        }
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_pdf_pool, render_bill_pdf, fields)
