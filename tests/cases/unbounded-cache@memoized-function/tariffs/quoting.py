from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from fastapi import APIRouter

from tariffs.rules import Zone, bounded_levy, currency_symbol, levy, rounding_for, zone_factor

router = APIRouter()
DEFAULT_CURRENCY = "EUR"


@router.get("/quote")
async def quote(region: str, start: date, nights: int, seats: int, zone: Zone, peak: bool) -> dict:
    total = Decimal("0")
    for offset in range(nights):
        day = start + timedelta(days=offset)
        total += levy(region, day, seats) * zone_factor(zone, peak) + bounded_levy(region, day)
    return {"total": str(total), "rounding": rounding_for("up"), "symbol": currency_symbol(DEFAULT_CURRENCY)}
