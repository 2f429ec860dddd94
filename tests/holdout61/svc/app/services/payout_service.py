from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from app import models
from app.clients.bank import BankClient, BankRejected
from app.locks import PAYOUT_LOCKS, PAYRUN_LOCKS
from app.metrics import PAYOUT_SUBMISSIONS
from app.money import to_cents
from app.repositories.employees import EmployeeRepository
from app.repositories.payouts import PayoutLine, PayoutRepository
from app.repositories.payruns import PayRunRepository
from app.timeutil import utcnow

log = logging.getLogger(__name__)

COMPANY_ID = "1234567890"
ORIGIN_ROUTING = "12100035"


class PayoutError(Exception):
    pass


@dataclass(frozen=True)
class FileHeader:
    company_name: str
    effective_date: date
    created_at: datetime


def trace_number(run_id: int, employee_id: int) -> str:
    return f"{ORIGIN_ROUTING}{run_id:04d}{employee_id:07d}"[-15:]


def build_payout_file(header: FileHeader, lines: list[PayoutLine]) -> str:
    """Fixed-width credit file in the bank's NACHA-like layout (94 chars per record)."""
    records = [
        f"101 {ORIGIN_ROUTING:>9}{COMPANY_ID:>10}{header.created_at:%y%m%d%H%M}A094101".ljust(94),
        f"5220{header.company_name[:16]:<16}{'':20}{COMPANY_ID:>10}PPDPAYROLL   "
        f"{header.effective_date:%y%m%d}".ljust(94),
    ]
    total = 0
    for line in lines:
        total += line.amount_cents
        records.append(
            f"622{line.account_token[:17]:<17}{line.amount_cents:010d}"
            f"{line.employee_id:<15}{'':22}0{line.trace_number}".ljust(94)
        )
    records.append(f"8220{len(lines):06d}{total:012d}{COMPANY_ID:>10}".ljust(94))
    records.append(f"9000001{len(lines):08d}{total:012d}".ljust(94))
    return "\n".join(records) + "\n"


class PayoutService:
    def __init__(
        self,
        session: AsyncSession,
        payouts: PayoutRepository,
        bank: BankClient,
        payout_dir: str,
        company_name: str = "ACME STAFFING",
    ) -> None:
        self._session = session
        self._payouts = payouts
        self._bank = bank
        self._dir = payout_dir
        self._company = company_name
        self._runs = PayRunRepository(session)
        self._employees = EmployeeRepository(session)

    async def generate(self, run_id: int) -> int:
        async with PAYOUT_LOCKS.for_key(run_id):
            run = await self._runs.get(run_id)
            if run is None or run.status is not PayRunStatus.COMPUTED:
                raise PayoutError(f"pay run {run_id} is not ready for payout")
            existing = await self._payouts.batch_for_run(run_id)
            if existing is not None and existing["status"] != "void":
                return existing["id"]
            items = await self._runs.items(run_id)
            employees = await self._employees.get_many(i.employee_id for i in items)
            lines = [
                PayoutLine(
                    employee_id=item.employee_id,
                    amount_cents=to_cents(item.net),
                    account_token=employees[item.employee_id].bank_account_token or "",
                    trace_number=trace_number(run_id, item.employee_id),
                )
                for item in items
                if item.net > 0 and employees[item.employee_id].bank_account_token
            ]
            header = FileHeader(self._company, run.pay_date, utcnow())
            content = build_payout_file(header, lines)
            path = os.path.join(self._dir, f"payout-{run_id}-{header.created_at:%Y%m%d%H%M%S}.txt")
            with open(path, "w", encoding="ascii") as fh:
                fh.write(content)
            return await self._payouts.create_batch(run_id, path, lines)

    async def submit(self, run_id: int) -> str:
        async with PAYOUT_LOCKS.for_key(run_id):
            batch = await self._payouts.batch_for_run(run_id)
            if batch is None or batch["status"] != "generated":
                raise PayoutError(f"no generated payout batch for run {run_id}")
            content = await asyncio.to_thread(Path(batch["file_path"]).read_bytes)
            key = hashlib.sha256(content).hexdigest()
            try:
                receipt = await self._bank.submit_file(batch["id"], content, idempotency_key=key)
            except BankRejected:
                PAYOUT_SUBMISSIONS.labels("rejected").inc()
                await self._payouts.mark_failed(batch["id"])
                raise
            await self._payouts.mark_submitted(batch["id"], receipt.reference, receipt.accepted_at)
            PAYOUT_SUBMISSIONS.labels("accepted").inc()
            async with PAYRUN_LOCKS.for_key(run_id):
                await self._runs.set_status(run_id, models.PayRunStatus.PAID, at=utcnow())
                await self._session.commit()
            log.info("payout batch %s for run %s accepted as %s", batch["id"], run_id, receipt.reference)
            return receipt.reference

    async def apply_returns(self, since: datetime) -> int:
        returns = await self._bank.returns_since(since)
        applied = 0
        for entry in returns:
            employee_id = await self._payouts.apply_return(entry["trace_number"], entry["code"])
            if employee_id is None:
                log.warning("bank return for unknown trace %s", entry["trace_number"])
                continue
            applied += 1
        return applied
