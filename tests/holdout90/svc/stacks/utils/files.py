from __future__ import annotations

import json
from pathlib import Path


def read_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def cover_manifest_path(cover_dir: str, isbn: str) -> Path:
    return Path(cover_dir) / isbn[-3:] / f"{isbn}.json"


def write_csv_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join(header) + "\n")
        for row in rows:
            fh.write(",".join(row) + "\n")
