"""Parsing helpers for user input: one line under the limit, so it stays silent."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

MAX_TAGS = 10


def parse_side(text: str) -> str:
    side = text.strip().lower()
    if side not in ("buy", "sell"):
        raise ValueError(f"unknown side {text!r}")
    return side


def parse_quantity(text: str) -> Decimal:
    try:
        quantity = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a quantity: {text!r}") from exc
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    return quantity


def parse_price(text: str | None) -> Decimal | None:
    if text is None or text.strip().lower() in ("", "market", "mkt"):
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a price: {text!r}") from exc


def parse_symbol(text: str) -> str:
    symbol = text.strip().upper()
    if not symbol.replace(".", "").isalnum():
        raise ValueError(f"bad symbol {text!r}")
    return symbol


def parse_tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(",") if tag.strip()][:MAX_TAGS]


def parse_time_in_force(text: str) -> str:
    value = text.strip().lower()
    if value in ("day", "gtc", "ioc", "fok"):
        return value
    raise ValueError(f"unknown time in force {text!r}")


def parse_direction(text: str) -> str:
    value = text.strip().lower()
    if value in ("up", "above"):
        return "up"
    if value in ("down", "below"):
        return "down"
    raise ValueError(f"unknown direction {text!r}")
