"""Small value helpers: identifiers and money in integer micros."""
from __future__ import annotations

import secrets
import uuid
from decimal import ROUND_HALF_UP, Decimal

MICROS = 1_000_000


def to_micros(amount: Decimal | float | str) -> int:
    return int((Decimal(str(amount)) * MICROS).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_micros(micros: int) -> Decimal:
    return (Decimal(micros) / MICROS).quantize(Decimal("0.000001"))


def cpm_to_price_micros(cpm_micros: int) -> int:
    return cpm_micros // 1000


def new_impression_id() -> uuid.UUID:
    return uuid.uuid4()


def new_api_key() -> tuple[str, str]:
    prefix = secrets.token_hex(6)
    return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


def request_id_for(exchange: str, upstream_id: str) -> str:
    return f"{exchange}:{upstream_id}"
