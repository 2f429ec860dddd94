"""Price lists held in memory and read per quote."""
from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Basket:
    lines: list[dict[str, Any]] = field(default_factory=list)
    coupons: list[str] = field(default_factory=list)


class PriceBook:
    def __init__(self) -> None:
        self._lists: dict[str, dict[str, Any]] = {}

    async def reload(self, fetched: dict[str, dict[str, Any]]) -> None:
        self._lists = fetched

    async def unit_price(self, list_id: str, sku: str, fx: Any) -> float:
        lists = copy.deepcopy(self._lists)  # expect: unnecessary-copy
        entry = lists.get(list_id)
        if entry is None:
            raise KeyError(list_id)
        rate = await fx.rate(entry["currency"])
        return entry["prices"][sku] * rate

    async def editable_list(self, list_id: str) -> dict[str, Any]:
        # the caller edits the copy: the whole copy is handed out, not one entry read
        lists = copy.deepcopy(self._lists)
        await asyncio.sleep(0)
        return lists


def basket_totals(basket: Basket) -> dict[str, float]:
    lines = copy.deepcopy(basket.lines)  # expect: unnecessary-copy
    return {
        "lines": len(lines),
        "coupons": len(basket.coupons),
        "total": sum(line["qty"] * line["price"] for line in lines),
    }


def discounted(basket: Basket, rate: float) -> list[dict[str, Any]]:
    # the copy is changed and returned: it protects the caller's basket
    lines = copy.deepcopy(basket.lines)
    for line in lines:
        line["price"] *= 1 - rate
    return lines
