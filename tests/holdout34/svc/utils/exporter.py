"""CSV exports of historical stats for partners."""
from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Iterable, Mapping
from typing import Any

EXPORT_COLUMNS = ("player_id", "match_id", "team_id", "event_type", "value", "occurred_at")


def export_path(base_dir: str, season_id: int) -> str:
    return os.path.join(base_dir, f"season-{season_id}.csv")


def write_csv(path: str, rows: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def compress(path: str) -> str:
    subprocess.run(["gzip", "-f", "-9", path], check=True)
    return path + ".gz"


def finalise_export(path: str) -> dict[str, Any]:
    gz_path = compress(path)
    return {"path": gz_path, "bytes": os.path.getsize(gz_path)}
