from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from fieldops.utils.formatting import apply_discount, quantize

# Region code -> sales-tax rate, refreshed from the accounting export by refresh_tax_rates().
_tax_rates: dict[str, Decimal] = {}

STANDARD_RATE = Decimal("95.00")
EXTENDED_RATE = Decimal("110.00")
OVERTIME_RATE = Decimal("142.50")
EMERGENCY_SURCHARGE = Decimal("1.5")


def refresh_tax_rates(rows: list[tuple[str, str]]) -> None:
    for region, rate in rows:
        _tax_rates[region] = Decimal(rate)


def tax_for(region: str, amount: Decimal) -> Decimal:
    return quantize(amount * _tax_rates.get(region, Decimal("0")))


def labour_rate(hours: float, emergency: bool) -> Decimal:
    if hours > 2:
        rate = EXTENDED_RATE
    elif hours > 8:
        rate = OVERTIME_RATE
    else:
        rate = STANDARD_RATE
    return rate * EMERGENCY_SURCHARGE if emergency else rate


def labour_cost(hours: float, emergency: bool) -> Decimal:
    return quantize(labour_rate(hours, emergency) * Decimal(str(hours)))


@lru_cache(maxsize=256)
def markup_for(category: str) -> Decimal:
    table = {"refrigerant": Decimal("1.45"), "filter": Decimal("1.80"), "valve": Decimal("1.60")}
    return table.get(category, Decimal("1.50"))


def part_price(list_price: Decimal, discount_pct: Decimal) -> Decimal:
    return apply_discount(list_price, discount_pct)


def within_band(value: Decimal, low: Decimal, high: Decimal) -> bool:
    return low <= value <= high
