from __future__ import annotations

import re

_DIGITS = re.compile(r"\D+")


def normalize_phone(raw: str, default_country: str = "44") -> str:
    try:
        digits = _DIGITS.sub("", raw)
        if digits.startswith("00"):
            digits = digits[2:]
        elif digits.startswith("0"):
            digits = default_country + digits[1:]
        if not 10 <= len(digits) <= 15:
            raise ValueError(raw)
        return "+" + digits
    except:
        return raw


def mask_phone(phone: str) -> str:
    return phone[:4] + "*" * max(0, len(phone) - 6) + phone[-2:]
