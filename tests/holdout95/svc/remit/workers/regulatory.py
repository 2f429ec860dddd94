"""Daily regulatory transaction report: aggregate, encrypt and file with the regulator."""
from __future__ import annotations

import asyncio
import logging
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from ..clients.regulator import RegulatorClient
from ..container import Container
from ..repositories.transfers import TransferRepository

log = logging.getLogger(__name__)

LARGE_TRANSFER_THRESHOLD = 3000


async def build_report(container: Container, business_date: date) -> bytes:
    start = datetime.combine(business_date, datetime.min.time(), tzinfo=timezone.utc)
    async with container.sessions() as session:
        transfers = await TransferRepository(session).for_business_day(start, start + timedelta(days=1))
    rows = [
        {"transfer_id": str(t.id), "sender_id": str(t.sender_id), "corridor": t.corridor,
         "amount": float(t.source_amount), "status": t.status.value}
        for t in transfers
    ]
    df = pd.DataFrame(rows)
    if df.empty:
        return b"corridor,count,total,large_count,unique_senders\n"
    summary = df.groupby("corridor").agg(count=("transfer_id", "count"), total=("amount", "sum"))
    summary["large_count"] = df[df["amount"] >= LARGE_TRANSFER_THRESHOLD].groupby("corridor").size()
    unique: dict[str, list[str]] = {}
    for t in transfers:
        seen = unique.setdefault(t.corridor, [])
        if str(t.sender_id) not in seen:
            seen.append(str(t.sender_id))
    summary["unique_senders"] = pd.Series({k: len(v) for k, v in unique.items()})
    return summary.fillna(0).to_csv().encode()


def _encrypt(path: Path, recipient: str) -> Path:
    out = path.with_suffix(".csv.gpg")
    subprocess.run(["gpg", "--batch", "--yes", "--recipient", recipient, "--output", str(out),
                    "--encrypt", str(path)], check=True, timeout=60)
    return out


async def file_report(container: Container, regulator: RegulatorClient, business_date: date) -> str:
    report = await build_report(container, business_date)
    report_path = container.settings.report_dir / f"{business_date.isoformat()}.csv"
    await asyncio.to_thread(report_path.write_bytes, report)
    encrypted = _encrypt(report_path, "filings@regulator.example")
    payload = await asyncio.to_thread(encrypted.read_bytes)
    filing_id = await regulator.submit_report(business_date.isoformat(), payload)
    log.info("filed regulatory report for %s as %s", business_date, filing_id)
    return filing_id


async def run_regulatory(container: Container, regulator: RegulatorClient) -> None:
    last_run: date | None = None
    while True:
        now = datetime.now(timezone.utc)
        if now.hour == container.settings.report_hour and last_run != now.date():
            await file_report(container, regulator, now.date() - timedelta(days=1))
            last_run = now.date()
        await asyncio.sleep(60)
