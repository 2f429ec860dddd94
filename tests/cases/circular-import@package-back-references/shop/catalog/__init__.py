"""The catalogue: the package loads its submodules so callers can write `catalog.items.find`."""
from __future__ import annotations

from shop.catalog import items, prices, stock  # expect: circular-import

__all__ = ["items", "prices", "stock"]
