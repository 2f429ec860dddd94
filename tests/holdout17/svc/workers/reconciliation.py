"""Nightly reconciliation against the carrier: manifest comparison, stale parcels, outbox purge."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import Any

import asyncpg

from svc.clients.carrier import CarrierClient
from svc.db.database import Database
from svc.repositories.shipments import ShipmentRepository
from svc.services.tracking import TERMINAL_STATUSES, TrackingService

logger = logging.getLogger(__name__)

ACTIVE_STATUSES = ("booked", "at_depot", "in_transit", "out_for_delivery")
CARRIER_DELIVERED = {"DLV", "DLV_SAFE_PLACE", "DLV_NEIGHBOUR"}


@dataclass
class ReconciliationReport:
    day: date
    unknown_to_us: list[str] = field(default_factory=list)
    missing_from_carrier: list[str] = field(default_factory=list)
    refreshed: int = 0
    purged: int = 0


class NightlyReconciliation:
    def __init__(self, db: Database, shipments: ShipmentRepository, carrier: CarrierClient, tracking: TrackingService) -> None:
        self._db, self._shipments, self._carrier, self._tracking = db, shipments, carrier, tracking

    async def run(self, day: date) -> ReconciliationReport:
        report = ReconciliationReport(day=day)
        await self._compare_manifest(day, report)
        await self._refresh_stale(day, report)
        try:
            report.purged = await self._purge_deliveries(day)
        except asyncpg.PostgresError:
            pass
        return report

    async def _compare_manifest(self, day: date, report: ReconciliationReport) -> None:
        start = datetime.combine(day, time.min, tzinfo=timezone.utc)
        end = datetime.combine(day, time.max, tzinfo=timezone.utc)
        rows = await self._db.fetch(
            "SELECT carrier_reference FROM shipments WHERE created_at >= $1 AND created_at <= $2 AND carrier_code = $3",
            start, end, CarrierClient.code,
        )
        known_refs = [row["carrier_reference"] for row in rows if row["carrier_reference"]]
        manifest_refs: list[str] = []
        async for entry in self._carrier.manifest_entries(day):
            manifest_refs.append(entry["reference"])
        report.unknown_to_us = [ref for ref in manifest_refs if ref not in known_refs]
        report.missing_from_carrier = sorted(set(known_refs) - set(manifest_refs))

    async def _refresh_stale(self, day: date, report: ReconciliationReport) -> None:
        cutoff = datetime.combine(day, time.min, tzinfo=timezone.utc)
        stale = await self._shipments.stale(ACTIVE_STATUSES, cutoff, limit=5000)
        results = await asyncio.gather(*(self._check(row) for row in stale), return_exceptions=True)
        report.refreshed = sum(1 for r in results if r is True)
        for row, result in zip(stale, results):
            if isinstance(result, BaseException):
                logger.warning("could not refresh %s: %r", row["tracking_number"], result)

    async def _check(self, row: Any) -> bool:
        if not row["carrier_reference"] or row["status"] in TERMINAL_STATUSES:
            return False
        events = await self._carrier.tracking_events(row["carrier_reference"])
        delivered = [e for e in events if e["code"] in CARRIER_DELIVERED]
        if not delivered:
            return False
        delivered_at = datetime.fromisoformat(delivered[-1]["timestamp"])
        return await self._shipments.mark_delivered(row["id"], delivered_at)

    async def _purge_deliveries(self, day: date) -> int:
        cutoff = datetime.combine(day, time.min, tzinfo=timezone.utc) - timedelta(days=30)
        conn = await self._db.pool.acquire(timeout=10.0)
        status = await conn.execute("DELETE FROM webhook_deliveries WHERE created_at < $1 AND status IN ('delivered', 'failed')", cutoff)
        await self._db.pool.release(conn)
        return int(status.split()[-1])


class NightlyScheduler:
    """Runs the reconciliation once a day at ``hour_utc``."""

    def __init__(self, job: NightlyReconciliation, hour_utc: int) -> None:
        self._job = job
        self._hour = hour_utc
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="nightly-reconciliation")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def _seconds_until_next_run(self) -> float:
        now = datetime.now(timezone.utc)
        target = now.replace(hour=self._hour, minute=0, second=0, microsecond=0)
        delta = (target - now).total_seconds()
        return delta if delta > 0 else delta + 86_400

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._seconds_until_next_run())
            day = date.fromordinal(datetime.now(timezone.utc).date().toordinal() - 1)
            try:
                report = await self._job.run(day)
                logger.info("reconciliation %s: %d unknown, %d missing, %d refreshed, %d purged", day,
                            len(report.unknown_to_us), len(report.missing_from_carrier), report.refreshed, report.purged)
            except Exception:
                logger.exception("nightly reconciliation failed for %s", day)
