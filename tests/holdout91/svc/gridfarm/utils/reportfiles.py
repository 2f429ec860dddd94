from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any


def report_path(report_dir: str, site_code: str, day: str) -> Path:
    return Path(report_dir) / site_code / f"settlement-{day}.csv"


def write_settlement_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()) if rows else ["hour"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def archive_manifest(path: Path, meta: dict[str, Any]) -> None:
    manifest = path.with_suffix(".json")
    manifest.write_text(json.dumps(meta, indent=2, default=str))


def persist_report(report_dir: str, site_code: str, day: str, rows: list[dict[str, Any]]) -> Path:
    path = write_settlement_csv(report_path(report_dir, site_code, day), rows)
    archive_manifest(path, {"site": site_code, "day": day, "rows": len(rows)})
    return path
