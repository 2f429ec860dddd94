"""Tariff arithmetic shared by quoting and invoicing."""
from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Literal


class Zone(Enum):
    URBAN = "urban"
    RURAL = "rural"


@functools.lru_cache(maxsize=None)  # expect: unbounded-cache
def levy(region_code: str, day: date, seats: int) -> Decimal:
    base = Decimal("1.20") if day.weekday() < 5 else Decimal("1.80")
    return base * seats + (Decimal("0.5") if region_code.startswith("N") else Decimal("0"))


@functools.lru_cache(maxsize=None)
def zone_factor(zone: Zone, peak: bool) -> Decimal:
    return Decimal("1.1") if zone is Zone.URBAN and peak else Decimal("1.0")


@functools.lru_cache(maxsize=None)
def rounding_for(mode: Literal["up", "down"]) -> str:
    return "ROUND_UP" if mode == "up" else "ROUND_DOWN"


@functools.lru_cache(maxsize=2048)
def bounded_levy(region_code: str, day: date) -> Decimal:
    return Decimal("1.0") if day.day < 15 else Decimal("1.2")


@functools.cache
def currency_symbol(code: str) -> str:
    return {"EUR": "€", "USD": "$"}.get(code, code)
