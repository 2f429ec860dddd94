"""CSV rendering for load sheets and bag manifests handed to the airline."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

MANIFEST_COLUMNS = ("tag_number", "status", "last_location", "last_scan", "onward_flight")


def render_csv(rows: Iterable[Mapping[str, object]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def _ensure_dir(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_manifest_csv(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    target = _ensure_dir(path)
    with target.open("w", newline="", encoding="utf-8") as fh:
        fh.write(render_csv(rows, MANIFEST_COLUMNS))
    return target
