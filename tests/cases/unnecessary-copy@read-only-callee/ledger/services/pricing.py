"""Pure pricing helpers: they read the lines they are given and change nothing."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

SERVICE_FEE_BPS = 250


@dataclass
class Line:
    sku: str
    quantity: int
    unit_cents: int


def subtotal(lines: Sequence[Line]) -> int:
    return sum(line.quantity * line.unit_cents for line in lines)


def total(lines: Sequence[Line], fee_cents: int) -> int:
    items = subtotal(lines)
    return items + items * SERVICE_FEE_BPS // 10_000 + fee_cents


def apply_promo(lines: list[Line], percent: int) -> int:
    for line in lines:
        line.unit_cents = line.unit_cents * (100 - percent) // 100
    return subtotal(lines)


def remember(lines: list[Line], into: list[list[Line]]) -> None:
    into.append(lines)
