"""Operational reports and CSV exports for the claims MI team."""

from __future__ import annotations

import asyncio
import copy
import csv
import json
import logging
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import Settings
from svc.repositories.payouts import PayoutsRepository
from svc.schemas import DailySummary

logger = logging.getLogger(__name__)

_EXPORT_FIELDS = ("claim_number", "status", "loss_type", "amount_claimed_cents", "reported_at")


def _write_csv(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=_EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def duplicate_candidates(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims sharing claimant, loss type and incident date with an earlier claim."""
    seen_keys: list[tuple[str, str, date]] = []
    duplicates: list[dict[str, Any]] = []
    for row in rows:
        key = (row["claimant_email"].lower(), row["loss_type"], row["incident_date"])
        if key in seen_keys:
            duplicates.append(row)
        else:
            seen_keys.append(key)
    return duplicates


def repeat_claimants(rows: Sequence[dict[str, Any]], threshold: int = 3) -> set[str]:
    counts: dict[str, int] = {}
    for row in rows:
        email = row["claimant_email"].lower()
        counts[email] = counts.get(email, 0) + 1
    return {email for email, n in counts.items() if n >= threshold}


def aging_buckets(rows: Sequence[dict[str, Any]], now: datetime) -> dict[str, int]:
    pending = sorted(rows, key=lambda r: r["reported_at"])
    buckets = {"0-7d": 0, "8-30d": 0, "31-90d": 0, "90d+": 0}
    while pending:
        row = pending.pop(0)
        age = (now - row["reported_at"]).days
        if age <= 7:
            buckets["0-7d"] += 1
        elif age <= 30:
            buckets["8-30d"] += 1
        elif age <= 90:
            buckets["31-90d"] += 1
        else:
            buckets["90d+"] += 1
    return buckets


def rolling_average(values: Iterable[int], window: int) -> list[float]:
    recent: deque[int] = deque(maxlen=window)
    out: list[float] = []
    total = 0
    for value in values:
        if len(recent) == window:
            total -= recent.popleft()
        recent.append(value)
        total += value
        out.append(total / len(recent))
    return out


class ReportService:
    def __init__(self, settings: Settings, pool: asyncpg.Pool, payouts: PayoutsRepository) -> None:
        self._settings = settings
        self._pool = pool
        self._payouts = payouts

    async def export_claims_csv(self, start: date, end: date) -> Path:
        engine = create_async_engine(self._settings.reporting_dsn, pool_size=2)
        try:
            async with engine.connect() as conn:
                result = await conn.stream(
                    text(
                        "SELECT claim_number, status, loss_type, amount_claimed_cents, reported_at FROM claims "
                        "WHERE reported_at >= :start AND reported_at < :end ORDER BY reported_at"
                    ),
                    {"start": start, "end": end},
                )
                rows = [dict(r._mapping) async for r in result]
        finally:
            await engine.dispose()
        path = self._settings.export_dir / f"claims-{start:%Y%m%d}-{end:%Y%m%d}.csv"
        _write_csv(path, rows)
        logger.info("exported %d claims to %s", len(rows), path)
        return path

    async def daily_summary(self, day: date) -> DailySummary:
        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout) as conn:
            rows = await conn.fetch("SELECT status, count(*) AS n, sum(amount_claimed_cents) AS total FROM claims WHERE date_trunc('day', reported_at) = $1 GROUP BY status", day)
        total = sum((Decimal(r["total"] or 0) for r in rows), Decimal(0)) / 100
        return DailySummary(day=day, by_status={r["status"]: r["n"] for r in rows}, total_claimed=f"{total:.2f}")

    async def payout_totals(self, claim_ids: Sequence[int]) -> dict[int, int]:
        return {cid: await self._payouts.total_paid_for_claim(cid) for cid in claim_ids}

    async def fraud_review_pack(self, start: date, end: date) -> dict[str, Any]:
        async with self._pool.acquire(timeout=self._settings.db_acquire_timeout) as conn:
            records = await conn.fetch(
                "SELECT claim_number, claimant_email, loss_type, incident_date, reported_at FROM claims "
                "WHERE reported_at >= $1 AND reported_at < $2 ORDER BY reported_at LIMIT 50000",
                start, end,
            )
        rows = [dict(r) for r in records]
        working = copy.deepcopy(rows)
        pack = {
            "duplicates": duplicate_candidates(working),
            "repeat_claimants": sorted(repeat_claimants(working)),
            "aging": aging_buckets(working, datetime.now().astimezone()),
        }
        payload = await asyncio.to_thread(json.dumps, pack, default=str)
        path = self._settings.export_dir / f"fraud-pack-{start:%Y%m%d}.json"
        await asyncio.to_thread(path.write_text, payload, encoding="utf-8")
        return {"path": str(path), "duplicates": len(pack["duplicates"])}
