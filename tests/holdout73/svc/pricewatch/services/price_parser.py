"""Normalise scraped price strings into Decimals."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pricewatch.services.errors import PriceParseError

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "C$": "CAD", "A$": "AUD"}
_NUMBER = re.compile(r"(\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)")


def detect_currency(text: str, default: str = "USD") -> str:
    for symbol in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in text:
            return _CURRENCY_SYMBOLS[symbol]
    return default


def _normalise_number(raw: str) -> str:
    raw = raw.replace(" ", "")
    if "," in raw and "." in raw:
        # whichever separator comes last is the decimal separator
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        head, _, tail = raw.rpartition(",")
        raw = f"{head.replace(',', '')}.{tail}" if len(tail) == 2 else raw.replace(",", "")
    return raw


def parse_price(text: str) -> Decimal:
    match = _NUMBER.search(text or "")
    if not match:
        raise PriceParseError(f"no number in {text!r}")
    try:
        value = Decimal(_normalise_number(match.group(1)))
    except InvalidOperation:
        raise PriceParseError(f"unparseable price {text!r}")
    return value.quantize(Decimal("0.01"))


def discount_pct(old: Decimal, new: Decimal) -> Decimal:
    if old <= 0:
        return Decimal(0)
    return ((old - new) / old * 100).quantize(Decimal("0.1"))


def validate_drop_pct(pct: Decimal) -> Decimal:
    if not 0 < pct <= 100:
        raise ValueError("min_drop_pct must be in (0, 100]")
    return pct
