from __future__ import annotations

import asyncio
import copy
import functools
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import asyncpg
import pandas as pd

from svc.clients.bank import BankClient
from svc.config import Settings
from svc.db.pg import PayoutRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReconciliationReport:
    day: date
    matched: int
    missing_from_statement: int
    unknown_on_statement: int
    summary_csv: str


def write_report_file(directory: str, name: str, content: str) -> Path:
    target = Path(directory) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    return target


async def persist_report(directory: str, name: str, content: str) -> Path:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(write_report_file, directory, name, content))


def _seconds_until(hour_utc: int) -> float:
    now = datetime.now(timezone.utc)
    target = now.replace(hour=hour_utc, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_nightly_reconciliation(bank: BankClient, pool: asyncpg.Pool, settings: Settings) -> None:
    while True:
        await asyncio.sleep(_seconds_until(settings.reconciliation_hour_utc))
        report = await reconcile_day(bank, PayoutRepository(pool, settings.db_acquire_timeout), date.today() - timedelta(days=1))
        await persist_report(settings.report_dir, f"reconciliation-{report.day.isoformat()}.csv", report.summary_csv)


async def reconcile_day(bank: BankClient, payouts: PayoutRepository, day: date) -> ReconciliationReport:
    statement = await bank.fetch_statement(day)
    lines = copy.deepcopy(statement)
    unsettled = await payouts.list_unsettled(datetime.combine(day - timedelta(days=7), time.min, tzinfo=timezone.utc))

    statement_refs = [line.reference for line in lines]
    matched_ids = []
    missing = []
    for payout in unsettled:
        if payout["bank_reference"] not in statement_refs:
            missing.append(payout)
        else:
            matched_ids.append(payout["id"])
    if matched_ids:
        await payouts.settle_many(matched_ids)

    known_refs = {p["bank_reference"] for p in unsettled}
    unknown = [line for line in lines if line.reference not in known_refs]
    for line in unknown:
        logger.warning("statement line %s (%d cents) matches no payout", line.reference, line.amount_cents)

    frame = pd.DataFrame([dict(p) for p in unsettled])
    summary = frame.groupby(frame["created_at"].dt.date)["amount_cents"].agg(["count", "sum"]) if not frame.empty else frame
    logger.info("reconciled %s: %d matched, %d missing, %d unknown", day, len(matched_ids), len(missing), len(unknown))
    return ReconciliationReport(
        day=day,
        matched=len(matched_ids),
        missing_from_statement=len(missing),
        unknown_on_statement=len(unknown),
        summary_csv=summary.to_csv(),
    )

