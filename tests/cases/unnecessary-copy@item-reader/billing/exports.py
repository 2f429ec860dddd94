"""Invoice exports: rows built from the line items of a period."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any


@dataclass
class LineItem:
    sku: str
    amount: float
    tags: list[str]


def as_row(item: LineItem) -> tuple[str, str]:
    return item.sku, f"{item.amount:.2f}"


def normalise(item: LineItem) -> tuple[str, str]:
    item.amount = round(item.amount, 2)
    return item.sku, str(item.amount)


class Exporter:
    def __init__(self, repo: Any) -> None:
        self._repo = repo

    async def export(self, period: str) -> list[tuple[str, str]]:
        items = await self._repo.items(period)
        snapshot = copy.deepcopy(items)  # expect: unnecessary-copy
        return [as_row(item) for item in snapshot]

    async def export_rounded(self, period: str) -> list[tuple[str, str]]:
        items = await self._repo.items(period)
        working = copy.deepcopy(items)  # normalise changes each item it is given
        rows = [normalise(item) for item in working]
        await self._repo.save(items)
        return rows
