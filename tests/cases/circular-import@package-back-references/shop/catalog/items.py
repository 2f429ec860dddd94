from __future__ import annotations

from dataclasses import dataclass

from shop.catalog.prices import price_of  # expect: circular-import


@dataclass
class Item:
    sku: str
    name: str


DEFAULT_PRICE = price_of("default")


def describe(item: Item) -> str:
    return f"{item.name}: {price_of(item.sku)}"
