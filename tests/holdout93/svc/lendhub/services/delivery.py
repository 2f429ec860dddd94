"""Secondary-market loan delivery files (investor ULDD-style CSV)."""
from __future__ import annotations

import asyncio
import copy
import csv
import io
import logging
from pathlib import Path
from typing import Any

import httpx

from ..repositories import DeliveryRepository

log = logging.getLogger(__name__)

COLUMNS = ("loan_number", "loan_amount", "property_value", "property_state", "occupancy",
           "locked_rate", "locked_price", "closed_at")


class DuplicateLoanInBatch(Exception):
    pass


def _write_file(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k) for k in COLUMNS})
    return buf.getvalue()


class DeliveryService:
    def __init__(self, repo: DeliveryRepository, outbox: str, investor_urls: dict[str, str]) -> None:
        self.repo = repo
        self.outbox = Path(outbox)
        self.investor_urls = investor_urls
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=5.0))

    async def build_batch(self, batch: dict[str, Any]) -> Path:
        loan_numbers: list[str] = list(batch["loan_numbers"])
        for ln in loan_numbers:
            if loan_numbers.count(ln) > 1:
                raise DuplicateLoanInBatch(ln)
        rows = []
        for ln in loan_numbers:
            row = await self.repo.loan_for_delivery(ln)
            if row is None:
                log.warning("loan %s not deliverable, skipping", ln)
                continue
            rows.append(row)
        snapshot = copy.deepcopy(rows)
        content = to_csv(snapshot)
        path = self.outbox / f"{batch['investor']}-{batch['id']}.csv"
        await asyncio.to_thread(_write_file, path, content)
        return path

    async def upload(self, investor: str, path: Path) -> None:
        content = await asyncio.to_thread(path.read_bytes)
        resp = await self._http.post(
            self.investor_urls[investor], content=content, headers={"Content-Type": "text/csv"}
        )
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._http.aclose()
