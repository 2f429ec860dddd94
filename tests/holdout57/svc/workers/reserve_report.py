"""Nightly loss-reserve report for finance and actuarial."""
from __future__ import annotations

import asyncio
import csv
import json
import logging
import os
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import redis.asyncio as aioredis

from svc.infra.metrics import StageTimer
from svc.repositories.reporting import ReportingRepository

log = logging.getLogger(__name__)

RUN_AT = time(2, 15, tzinfo=timezone.utc)
IBNR_FACTORS = {
    "auto_collision": Decimal("1.04"),
    "auto_theft": Decimal("1.10"),
    "property_water": Decimal("1.22"),
    "property_fire": Decimal("1.15"),
    "liability": Decimal("1.45"),
}


def _seconds_until(target: time) -> float:
    now = datetime.now(timezone.utc)
    run = datetime.combine(now.date(), target)
    if run <= now:
        run += timedelta(days=1)
    return (run - now).total_seconds()


def _write_json(path: str, payload: dict) -> None:
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=2, default=str)
    os.replace(tmp, path)


def _read_previous(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


class ReserveReportWorker:
    name = "reserve-report"

    def __init__(self, reporting: ReportingRepository, redis: aioredis.Redis, output_dir: str) -> None:
        self._reporting = reporting
        self._redis = redis
        self._output_dir = output_dir

    async def run(self) -> None:
        while True:
            await asyncio.sleep(_seconds_until(RUN_AT))
            try:
                await self.generate(datetime.now(timezone.utc).date() - timedelta(days=1))
            except Exception:
                log.exception("reserve report failed")

    async def generate(self, as_of: date) -> str:
        timer = StageTimer()
        with timer.stage("query"):
            rows = await self._reporting.reserve_summary(as_of)
            claim_ids = [r["id"] for r in rows]
            paid = await self._reporting.paid_by_claim(claim_ids)
            movements = await self._reporting.last_movements(claim_ids)
        previous_path = os.path.join(self._output_dir, f"reserves-{as_of - timedelta(days=1)}.csv")
        previous = await asyncio.to_thread(_read_previous, previous_path)
        lines: list[dict] = []
        totals: dict[str, Decimal] = {}
        with timer.stage("compute"):
            for row in rows:
                case_reserve = Decimal(row["case_reserve"])
                paid_to_date = Decimal(paid.get(row["id"], 0))
                factor = IBNR_FACTORS.get(row["loss_type"], Decimal("1.25"))
                ultimate = (case_reserve * factor).quantize(Decimal("0.01"))
                prior = [p for p in previous if p["claim_number"] == row["claim_number"]]
                change = ultimate - Decimal(prior[0]["ultimate"]) if prior else ultimate
                totals[row["region"]] = totals.get(row["region"], Decimal("0")) + ultimate
                lines.append(
                    {
                        "claim_number": row["claim_number"],
                        "region": row["region"],
                        "loss_type": row["loss_type"],
                        "status": row["status"],
                        "case_reserve": case_reserve,
                        "paid": paid_to_date,
                        "ultimate": ultimate,
                        "change": change,
                        "last_movement": movements.get(row["id"]),
                    }
                )
        out_path = os.path.join(self._output_dir, f"reserves-{as_of}.csv")
        with timer.stage("write"):
            with open(out_path, "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(lines[0].keys()) if lines else ["claim_number"])
                writer.writeheader()
                writer.writerows(lines)
            summary = {"as_of": as_of, "claims": len(lines), "ultimate_by_region": totals}
            await asyncio.to_thread(_write_json, out_path.replace(".csv", ".json"), summary)
        await self._redis.hset(
            "reports:reserve:latest",
            mapping={"as_of": as_of.isoformat(), "path": out_path, "claims": len(lines)},
        )
        log.info("reserve report %s written (%d claims, stages %s)", out_path, len(lines), timer.snapshot())
        return out_path
