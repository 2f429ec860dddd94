"""Key helpers: the offer key drops the dates its callers pass; the stock key uses every input;
the label helper drops an input too, but its result only names a log line, never a cache entry."""
from __future__ import annotations

from datetime import date


def offer_key(depot_id: str, category: str, first_day: date, last_day: date) -> str:
    return f"offer:{depot_id}:{category}"  # expect: cache-misuse


def stock_key(depot_id: str, category: str, day: date) -> str:
    return f"stock:{depot_id}:{category}:{day.isoformat()}"


def run_label(depot_id: str, attempt: int) -> str:
    return f"refresh-{depot_id}"
