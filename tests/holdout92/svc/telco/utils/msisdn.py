from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"\D+")
COUNTRY_CODE = "44"


@lru_cache(maxsize=4096)
def normalize_msisdn(raw: str) -> str:
    digits = _DIGITS.sub("", raw)
    if digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = COUNTRY_CODE + digits[1:]
    if not 10 <= len(digits) <= 15:
        raise ValueError(f"invalid msisdn: {raw!r}")
    return digits


def mask_msisdn(msisdn: str) -> str:
    return msisdn[:4] + "*" * (len(msisdn) - 7) + msisdn[-3:]


def plmn_from_imsi(imsi: str) -> str:
    # MCC is 3 digits; MNC is 2 digits for the networks we roam with
    return imsi[:5]
