from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, Iterable


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def archive_snapshot(directory: str, name: str, payload: dict[str, Any]) -> Path:
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.json"
    _write_atomic(path, json.dumps(payload, default=str, indent=2))
    return path


def write_census_csv(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as fh:
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
            count += 1
    return count


def read_ward_layout(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
