from __future__ import annotations

import re

_DIGITS = re.compile(r"\D+")


def normalise_uk_mobile(raw: str | None) -> str | None:
    """Return an E.164 number for UK mobiles, or None when it cannot be used for SMS."""
    if not raw:
        return None
    try:
        digits = _DIGITS.sub("", raw)
        if digits.startswith("44"):
            digits = digits[2:]
        if digits.startswith("0"):
            digits = digits[1:]
        if not digits.startswith("7") or len(digits) != 10:
            return None
        return "+44" + digits
    except:
        return None
