"""Pick paths through an aisle."""
from __future__ import annotations

from .service import LayoutService


async def serpentine(layout: LayoutService, aisle: str, reverse: bool) -> list[int]:
    path = await layout.aisle_bins(aisle)
    if reverse:
        path.reverse()
    return path
