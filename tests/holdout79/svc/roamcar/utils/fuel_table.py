"""Regional fuel prices used for refuelling surcharges (published weekly as CSV)."""
from __future__ import annotations

import csv
from decimal import Decimal

from ..settings import get_settings


def _load_rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def price_per_litre(region: str, fuel_type: str, path: str | None = None) -> Decimal:
    rows = _load_rows(path or get_settings().fuel_price_path)
    for row in rows:
        if row["region"] == region and row["fuel_type"] == fuel_type:
            return Decimal(row["price_per_litre"])
    raise LookupError(f"no {fuel_type} price for region {region}")
