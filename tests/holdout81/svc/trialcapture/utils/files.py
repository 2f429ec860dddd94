from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any, Iterable


def rows_to_csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def write_dataset_zip(target: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", rows_to_csv(rows))
    return target


def write_text(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def append_jsonl(path: str, record: dict[str, Any]) -> None:
    line = json.dumps(record, default=str, separators=(",", ":"))
    with open(path, "a", encoding="utf-8") as spool:
        spool.write(line + "\n")
        spool.flush()
        os.fsync(spool.fileno())


def load_codelists(directory: str) -> dict[str, list[str]]:
    codelists: dict[str, list[str]] = {}
    for entry in sorted(Path(directory).glob("*.json")):
        codelists[entry.stem] = json.loads(entry.read_text(encoding="utf-8"))
    return codelists
