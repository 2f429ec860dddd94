"""Customer statements and treasury summaries."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
from datetime import datetime
from decimal import Decimal

from svc.clients.price_client import PriceClient
from svc.repositories.ledger import LedgerRepository

log = logging.getLogger(__name__)


def _render_statement(rows: list[dict], asset: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["date", "kind", "reference", "amount", "running_balance"])
    running = Decimal(0)
    for row in sorted(rows, key=lambda r: (r["created_at"], r["id"])):
        running += row["amount"]
        writer.writerow(
            [row["created_at"].isoformat(), row["kind"], row["reference"], f"{row['amount']:f}", f"{running:f}"]
        )
    return buf.getvalue()


class ReportService:
    def __init__(self, ledger: LedgerRepository, prices: PriceClient) -> None:
        self.ledger = ledger
        self.prices = prices

    async def _full_history(self, account_id: int) -> list[dict]:
        rows: list[dict] = []
        before: int | None = None
        while True:
            page = await self.ledger.history(account_id, before, limit=1000)
            if not page:
                return rows
            rows.extend(dict(r) for r in page)
            before = page[-1]["id"]

    async def statement_csv(self, account_id: int, asset: str) -> str:
        rows = await self._full_history(account_id)
        return _render_statement(rows, asset)

    async def statement_csv_offloaded(self, account_id: int, asset: str) -> str:
        rows = await self._full_history(account_id)
        return await asyncio.to_thread(_render_statement, rows, asset)

    async def treasury_summary(self, assets: list[str]) -> dict[str, dict[str, str]]:
        summary: dict[str, dict[str, str]] = {}
        for asset in assets:
            liabilities = await self.ledger.total_for_kind(asset, ("customer",))
            reserves = await self.ledger.total_for_kind(asset, ("hot", "cold"))
            price = await self.prices.spot(asset)
            summary[asset] = {
                "liabilities": str(liabilities),
                "reserves": str(reserves),
                "coverage": str((reserves / liabilities).quantize(Decimal("0.0001"))) if liabilities else "n/a",
                "reserves_usd": str((reserves * price).quantize(Decimal("0.01"))),
                "as_of": datetime.utcnow().isoformat(),
            }
        return summary
