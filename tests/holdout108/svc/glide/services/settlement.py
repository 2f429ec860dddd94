from __future__ import annotations

import asyncio
import csv
import json
import logging
import os
from datetime import date
from typing import Any

import aiofiles
import pandas as pd
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from glide.clients.payment_gateway import PaymentGateway
from glide.repositories.rides import RideRepository
from glide.repositories.settlements import SettlementRepository
from glide.services.pricing import PricingService
from glide.settings import Settings
from glide.utils.timeutil import day_bounds

log = logging.getLogger(__name__)

SETTLEMENT_LOCK_KEY = 0x61696465
FARE_TOLERANCE_CENTS = 5


def _summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return {"rides": 0, "revenue_cents": 0, "by_zone": {}}
    by_zone = frame.groupby("zone_id")["fare_cents"].sum().to_dict()
    return {"rides": len(frame), "revenue_cents": int(frame["fare_cents"].sum()), "by_zone": by_zone}


class SettlementService:
    def __init__(self, session: AsyncSession, settings: Settings, gateway: PaymentGateway) -> None:
        self._s = session
        self._settings = settings
        self._gateway = gateway
        self._rides = RideRepository(session)
        self._repo = SettlementRepository(session)
        self._pricing = PricingService(session, settings)

    async def run_for(self, business_date: date) -> int:
        if not await self._repo.try_advisory_lock(SETTLEMENT_LOCK_KEY):
            log.info("settlement for %s already running elsewhere", business_date)
            return 0
        start, end = day_bounds(business_date)
        batch = await self._repo.create_batch(business_date)
        settled = 0
        while True:
            rides = await self._rides.unsettled_between(start, end, limit=1000)
            if not rides:
                break
            lines: list[tuple[Any, int]] = []
            for ride in rides:
                expected = await self._pricing.recompute(ride)
                charged = ride.fare_cents or 0
                if abs(expected - charged) > FARE_TOLERANCE_CENTS:
                    log.warning("fare drift on ride %s: charged %s expected %s", ride.id, charged, expected)
                lines.append((ride.id, charged))
            await self._repo.add_lines(batch.id, lines)
            await self._rides.mark_settled([r.id for r in rides])
            batch.total_cents += sum(a for _, a in lines)
            batch.ride_count += len(lines)
            settled += len(lines)
            await self._s.flush()
        if batch.payout_reference is None and batch.total_cents > 0:
            batch.payout_reference = await self._gateway.create_payout(
                batch.total_cents, reference=f"settle_{business_date.isoformat()}"
            )
        await self._s.commit()
        return settled

    async def reconcile_charges(self, business_date: date, concurrency: int = 8) -> list[str]:
        """Compares stored captures for a day with the gateway's view of them."""
        result = await self._s.execute(
            text(
                """
                SELECT t.reference, t.amount_cents
                  FROM wallet_transactions t
                 WHERE t.kind = 'top_up'
                   AND t.created_at >= :start AND t.created_at < :end
                 LIMIT 20000
                """
            ),
            dict(zip(("start", "end"), day_bounds(business_date))),
        )
        rows = [(r.reference, r.amount_cents) for r in result]
        sem = asyncio.Semaphore(concurrency)
        mismatches: list[str] = []

        async def _check(reference: str, amount: int) -> None:
            async with sem:
                try:
                    charge = await self._gateway.get_charge(reference)
                except Exception:
                    log.warning("could not fetch charge %s", reference, exc_info=True)
                    mismatches.append(reference)
                    return
            if int(charge.get("amount", -1)) != amount:
                mismatches.append(reference)

        await asyncio.gather(*(_check(ref, amt) for ref, amt in rows))
        return mismatches

    async def payout_status(self, business_date: date) -> dict[str, Any]:
        batch = await self._repo.batch_for(business_date)
        if batch is None:
            return {"date": business_date.isoformat(), "status": "missing"}
        if batch.payout_reference is None:
            status = "pending" if batch.total_cents else "empty"
        else:
            status = "paid_out"
        return {
            "date": business_date.isoformat(),
            "status": status,
            "rides": batch.ride_count,
            "total_cents": batch.total_cents,
            "payout_reference": batch.payout_reference,
        }

    async def export_csv(self, business_date: date) -> str:
        rows = await self._repo.daily_rows(business_date)
        path = os.path.join(self._settings.export_dir, f"settlement_{business_date.isoformat()}.csv")
        with open(path, "w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["id", "zone_id", "fare_cents", "distance_m", "started_at", "ended_at"])
            writer.writeheader()
            writer.writerows(rows)
        return path

    async def export_json(self, business_date: date) -> str:
        rows = await self._repo.daily_rows(business_date)
        path = os.path.join(self._settings.export_dir, f"settlement_{business_date.isoformat()}.json")
        async with aiofiles.open(path, "w") as fh:
            await fh.write(json.dumps(rows, default=str))
        return path

    async def daily_summary(self, business_date: date) -> dict[str, Any]:
        rows = await self._repo.daily_rows(business_date)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _summarise, rows)

    async def monthly_revenue(self, year: int, month: int) -> list[dict[str, Any]]:
        result = await self._s.execute(
            text(
                """
                SELECT zone_id, date_trunc('day', ended_at) AS day, fare_cents, distance_m
                  FROM rides
                 WHERE status = 'paid'
                   AND ended_at >= make_date(:y, :m, 1)
                   AND ended_at < make_date(:y, :m, 1) + interval '1 month'
                """
            ),
            {"y": year, "m": month},
        )
        frame = pd.DataFrame.from_records([dict(r._mapping) for r in result])
        if frame.empty:
            return []
        pivot = frame.pivot_table(index="day", columns="zone_id", values="fare_cents", aggfunc=["sum", "count", "median"])
        pivot.columns = [f"{agg}_{zone}" for agg, zone in pivot.columns]
        return pivot.reset_index().to_dict(orient="records")
