from __future__ import annotations

import csv
import logging
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from svc.db.models import Shipment
from svc.db.session import ReportingSession
from svc.settings import get_settings

logger = logging.getLogger(__name__)

MANIFEST_HEADER = (
    "tracking_number",
    "reference",
    "service",
    "destination_country",
    "destination_postcode",
    "parcels",
    "weight_kg",
    "declared_value",
)


class ManifestError(RuntimeError):
    pass


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def build_daily_manifest(carrier_id: int, day: date) -> Path:
    """Write the end-of-day handover manifest for one carrier. Runs in a thread."""
    start, end = _day_bounds(day)
    with ReportingSession() as session:
        stmt = (
            select(Shipment)
            .where(Shipment.carrier_id == carrier_id)
            .where(Shipment.created_at >= start, Shipment.created_at < end)
            .order_by(Shipment.id)
        )
        shipments = session.scalars(stmt).all()
        rows = _manifest_rows(shipments)
    return _write_manifest(carrier_id, day, rows)


def _manifest_rows(shipments: Sequence[Shipment]) -> list[list[str]]:
    rows: list[list[str]] = []
    for shipment in shipments:
        parcel_count = len(shipment.parcels)
        rows.append(
            [
                shipment.tracking_number,
                shipment.reference or "",
                shipment.service_code,
                shipment.destination_country,
                shipment.destination_postcode,
                str(parcel_count or 1),
                f"{shipment.weight_grams / 1000:.3f}",
                f"{shipment.declared_value_cents / 100:.2f}",
            ]
        )
    return rows


def _write_manifest(carrier_id: int, day: date, rows: list[list[str]]) -> Path:
    target = Path(get_settings().manifest_dir) / f"{day:%Y%m%d}" / f"carrier-{carrier_id}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".csv.tmp")
    for attempt in range(3):
        try:
            with tmp.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(MANIFEST_HEADER)
                writer.writerows(rows)
            tmp.replace(target)
            return target
        except PermissionError:
            # The SFTP sync agent briefly locks the directory while uploading.
            time.sleep(0.5 * (attempt + 1))
    raise ManifestError(f"could not write {target}")


def weight_discrepancies(carrier_id: int, day: date, tolerance_g: int = 250) -> list[dict[str, Any]]:
    """Shipments whose declared weight differs from the sum of their parcels."""
    start, end = _day_bounds(day)
    findings: list[dict[str, Any]] = []
    with ReportingSession() as session:
        stmt = (
            select(Shipment)
            .options(selectinload(Shipment.parcels))
            .where(Shipment.carrier_id == carrier_id)
            .where(Shipment.created_at >= start, Shipment.created_at < end)
        )
        for shipment in session.scalars(stmt):
            parcels = shipment.parcels
            measured = sum(p.weight_grams for p in parcels)
            if parcels and abs(measured - shipment.weight_grams) > tolerance_g:
                findings.append(
                    {
                        "tracking_number": shipment.tracking_number,
                        "declared_g": shipment.weight_grams,
                        "measured_g": measured,
                    }
                )
    return findings
