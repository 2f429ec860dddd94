"""Receivables in the reporting currency."""
from __future__ import annotations

from decimal import Decimal

from .rates import RatesClient


class ReportService:
    def __init__(self, client: RatesClient) -> None:
        self._client = client

    async def total(self, amounts: dict[str, Decimal], target: str) -> Decimal:
        rates = await self._client.latest(target)  # expect: no-fallback
        return sum((a if c == target else a / rates[c] for c, a in amounts.items()), Decimal(0))
