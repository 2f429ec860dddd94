"""Parsing of metrology CSV exports (thickness, CD, overlay, particle counts)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from fabline.utils.csvutil import read_csv_text


@dataclass(frozen=True, slots=True)
class MeasurementRow:
    lot_number: str
    wafer_scribe: str
    site: int
    parameter: str
    value: float


def _to_row(raw: dict[str, str]) -> MeasurementRow:
    return MeasurementRow(
        lot_number=raw["lot"].strip(),
        wafer_scribe=raw["wafer"].strip(),
        site=int(raw["site"]),
        parameter=raw["parameter"].strip().upper(),
        value=float(raw["value"]),
    )


def parse_text(text: str) -> list[MeasurementRow]:
    seen: set[tuple[str, int, str]] = set()
    rows: list[MeasurementRow] = []
    for raw in read_csv_text(text):
        row = _to_row(raw)
        key = (row.wafer_scribe, row.site, row.parameter)
        if key in seen:
            continue
        seen.add(key)
        rows.append(row)
    return rows


def load_rows(path: Path) -> list[MeasurementRow]:
    with path.open("r", encoding="utf-8", newline="") as fh:
        text = fh.read()
    return parse_text(text)


def header_of(path: Path) -> list[str]:
    with path.open("r", encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh), [])
