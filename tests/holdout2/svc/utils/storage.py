"""Local file storage for exports and firmware images. All functions here are blocking."""
from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path


def write_export_file(directory: Path, name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """Write ``rows`` as CSV to ``directory/name`` and return the path."""
    target = directory / name
    with open(target, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return target


def store_blob(path: Path, data: bytes) -> Path:
    """Store a firmware image. Images are content-addressed, so an existing file is kept."""
    if os.path.exists(path):
        return path
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def prune_exports(directory: Path, max_age_seconds: float) -> int:
    """Delete export files older than ``max_age_seconds``; returns how many were removed."""
    cutoff = time.time() - max_age_seconds
    removed = 0
    for entry in os.scandir(directory):
        if entry.is_file() and entry.stat().st_mtime < cutoff:
            os.unlink(entry.path)
            removed += 1
    return removed
