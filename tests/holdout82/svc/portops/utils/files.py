from __future__ import annotations

import gzip
import json
from pathlib import Path


def write_report(directory: str, name: str, rows: list[dict]) -> Path:
    target = Path(directory) / f"{name}.json.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(target, "wt", encoding="utf-8") as fh:
        json.dump(rows, fh, default=str)
    return target


def archive_path(directory: str, sender: str, reference: str) -> Path:
    return Path(directory) / sender / f"{reference}.edi"


def store_edi(directory: str, sender: str, reference: str, payload: str) -> Path:
    path = archive_path(directory, sender, reference)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(payload, encoding="utf-8")
    return path
