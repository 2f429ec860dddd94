from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

DECIMALS = {"btc": 8, "eth": 18, "usdc": 6}
SATOSHI = Decimal("0.00000001")


def quantize(amount: Decimal, asset: str) -> Decimal:
    places = DECIMALS.get(asset.lower(), 8)
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def parse_amount(raw: str | int | float | Decimal, asset: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise ValueError(f"invalid amount {raw!r}") from exc
    if value <= 0:
        raise ValueError("amount must be positive")
    return quantize(value, asset)


def from_base_units(value: int, asset: str) -> Decimal:
    places = DECIMALS.get(asset.lower(), 8)
    return Decimal(value).scaleb(-places)


def to_base_units(amount: Decimal, asset: str) -> int:
    places = DECIMALS.get(asset.lower(), 8)
    return int(amount.scaleb(places))


def parse_node_amount(raw: object) -> Decimal:
    """Nodes report amounts as floats, strings or hex wei depending on the chain."""
    try:
        if isinstance(raw, str) and raw.startswith("0x"):
            return from_base_units(int(raw, 16), "eth")
        return Decimal(str(raw))
    except:
        return Decimal(0)
