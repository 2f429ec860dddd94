"""Seat layout summaries for the venue dashboard."""
from __future__ import annotations

import asyncio
import copy
import logging
from collections import Counter
from typing import Any

logger = logging.getLogger(__name__)


def section_counts(layout: dict[str, Any]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for seat in copy.deepcopy(layout["seats"]):  # expect: unnecessary-copy
        counts[seat["section"]] += 1
        logger.debug("seat %s in %s", seat["id"], seat.get("row"))
    return dict(counts)


def priced_seats(layout: dict[str, Any], markup: float) -> list[dict[str, Any]]:
    priced = []
    for seat in copy.deepcopy(layout["seats"]):
        seat["price"] = round(seat["price"] * markup, 2)
        priced.append(seat)
    return priced


def drop_blocked(layout: dict[str, Any]) -> None:
    for seat in copy.deepcopy(layout["seats"]):
        if seat.get("blocked"):
            layout["seats"].remove(seat)


async def announce(layout: dict[str, Any], hub: Any) -> None:
    for seat in copy.deepcopy(layout["seats"]):
        await hub.publish(seat["id"], seat["status"])
        await asyncio.sleep(0)


def keep_rows(layout: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for row in copy.deepcopy(layout["rows"]):
        rows.append(row)
    return rows
