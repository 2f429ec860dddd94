from __future__ import annotations

import secrets
import uuid
from decimal import ROUND_HALF_UP, Decimal


def cents_to_str(cents: int, currency: str = "EUR") -> str:
    amount = (Decimal(cents) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{amount} {currency}"


def apply_vat(cents: int, rate: Decimal) -> int:
    return int((Decimal(cents) * (1 + rate)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError):
        return None


def reference(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(10)}"
