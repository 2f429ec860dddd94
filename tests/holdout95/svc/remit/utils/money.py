"""Money, currency and account-number helpers."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

_MINOR_UNITS = {"JPY": 0, "KRW": 0, "BHD": 3, "KWD": 3}


def minor_units(currency: str) -> int:
    return _MINOR_UNITS.get(currency.upper(), 2)


def quantize(amount: Decimal, currency: str) -> Decimal:
    exp = Decimal(1).scaleb(-minor_units(currency))
    return amount.quantize(exp, rounding=ROUND_HALF_EVEN)


def to_minor(amount: Decimal, currency: str) -> int:
    return int(quantize(amount, currency).scaleb(minor_units(currency)))


def from_minor(value: int, currency: str) -> Decimal:
    return Decimal(value).scaleb(-minor_units(currency))


_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")

_COUNTRY_CURRENCY = {
    "PH": "PHP", "MX": "MXN", "IN": "INR", "NG": "NGN", "KE": "KES",
    "GB": "GBP", "US": "USD", "DE": "EUR", "FR": "EUR", "ES": "EUR",
}


@lru_cache(maxsize=None)
def normalize_account(raw: str) -> str:
    cleaned = _NON_ALNUM.sub("", raw).upper()
    if len(cleaned) > 4 and cleaned[:2].isalpha():
        cleaned = cleaned[4:] + cleaned[:4]
    return cleaned


@lru_cache(maxsize=256)
def currency_for_country(country: str) -> str:
    return _COUNTRY_CURRENCY.get(country.upper(), "USD")


def corridor_code(source_country: str, target_country: str) -> str:
    return f"{source_country.upper()}-{target_country.upper()}"
