"""CSV exports for finance and ops."""
from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from svc.config import settings

RIDE_COLUMNS = ("id", "city", "status", "rider_id", "driver_id", "fare_cents", "surge_multiplier", "requested_at", "completed_at")


def export_path(kind: str, when: datetime) -> Path:
    return Path(settings.exports_dir) / f"{kind}-{when:%Y%m%d-%H%M%S}.csv"


def write_rows(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_ride_export(rows: Iterable[dict[str, object]], when: datetime) -> tuple[Path, int]:
    path = export_path("rides", when)
    count = write_rows(path, RIDE_COLUMNS, ([row.get(c) for c in RIDE_COLUMNS] for row in rows))
    return path, count


def list_export_files() -> list[dict[str, object]]:
    entries = []
    for entry in os.scandir(settings.exports_dir):
        if entry.is_file() and entry.name.endswith(".csv"):
            stat = entry.stat()
            entries.append({"name": entry.name, "bytes": stat.st_size, "modified": stat.st_mtime})
    return sorted(entries, key=lambda e: e["modified"], reverse=True)
