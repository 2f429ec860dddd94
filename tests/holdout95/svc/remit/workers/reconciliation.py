"""Partner reconciliation: match each partner's daily settlement file against our payouts."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..container import Container
from ..errors import PartnerFileError
from ..models import Transfer
from ..repositories.partners import ReconRepository
from ..repositories.transfers import TransferRepository

log = logging.getLogger(__name__)

PARTNER_COLUMNS = {
    "bankrail": ("client_ref", "amount", "status"),
    "mobiwallet": ("reference", "amount", "state"),
    "pickupnet": ("ref", "paid_amount", "status"),
}


@dataclass(frozen=True)
class SettlementRow:
    reference: str
    amount: Decimal
    status: str


@dataclass
class ReconResult:
    matched: int = 0
    amount_mismatch: int = 0
    missing_here: int = 0


def parse_rows(partner_id: str, text: str) -> list[SettlementRow]:
    ref_col, amount_col, status_col = PARTNER_COLUMNS[partner_id]
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or ref_col not in reader.fieldnames:
        raise PartnerFileError(f"{partner_id}: unexpected header {reader.fieldnames}")
    rows: list[SettlementRow] = []
    for raw in reader:
        try:
            rows.append(SettlementRow(raw[ref_col].strip(), Decimal(raw[amount_col]), raw[status_col].upper()))
        except (ValueError, InvalidOperation):
            continue
    return rows


def reconcile(rows: list[SettlementRow], transfers: list[Transfer]) -> ReconResult:
    result = ReconResult()
    for row in rows:
        match = next((t for t in transfers if str(t.id) == row.reference), None)
        if match is None:
            result.missing_here += 1
        elif match.target_amount != row.amount:
            result.amount_mismatch += 1
        else:
            result.matched += 1
    return result


def discover_files(inbox: Path) -> list[tuple[str, str, date]]:
    found = []
    for path in sorted(inbox.glob("*.csv")):
        partner_id, _, day = path.stem.partition("_")
        if partner_id in PARTNER_COLUMNS:
            found.append((partner_id, path.name, date.fromisoformat(day)))
    return found


async def process_file(container: Container, recon: ReconRepository, record) -> ReconResult:
    path = container.settings.recon_inbox / record["filename"]
    text = await asyncio.to_thread(path.read_text, encoding="utf-8")
    rows = parse_rows(record["partner_id"], text)
    start = datetime.combine(record["business_date"], datetime.min.time(), tzinfo=timezone.utc)
    async with container.sessions() as session:
        transfers = await TransferRepository(session).for_business_day(start - timedelta(days=2),
                                                                        start + timedelta(days=1))
    result = reconcile(rows, [t for t in transfers if t.partner_id == record["partner_id"]])
    log.info("recon %s: %s", record["filename"], result)
    return result


async def run_reconciliation(container: Container) -> None:
    recon = ReconRepository(container.pool)
    for partner_id, filename, day in await asyncio.to_thread(discover_files, container.settings.recon_inbox):
        await recon.register(partner_id, filename, day)
    for record in await recon.next_batch(limit=5):
        try:
            result = await process_file(container, recon, record)
        except ReconciliationEror:
            log.exception("recon file %s rejected", record["filename"])
            await recon.finish(record["id"], "rejected")
            continue
        await recon.finish(record["id"], "mismatch" if result.amount_mismatch or result.missing_here else "ok")
