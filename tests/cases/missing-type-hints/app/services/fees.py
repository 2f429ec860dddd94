"""Fully annotated: nothing to report."""
from decimal import Decimal


def fee(notional: Decimal, *extra: Decimal, rounding: str = "half-up", **options: str) -> Decimal:
    return notional * Decimal("0.001") + sum(extra, Decimal(0))


class FeeTable:
    def __init__(self) -> None:
        self.rows: list[Decimal] = []

    @staticmethod
    def zero() -> Decimal:
        return Decimal(0)

    @classmethod
    def empty(cls) -> "FeeTable":
        return cls()
