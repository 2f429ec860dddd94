"""Menus per restaurant, cached for a minute."""
from __future__ import annotations

import copy
from typing import Any

from .store import ExpiringCache

_menus = ExpiringCache[int, dict[str, Any]](ttl=60)
_summary_cache: dict[int, dict[str, Any]] = {}


async def _fetch_menu(db, restaurant_id: int) -> dict[str, Any]:
    rows = await db.fetch("SELECT section, dish FROM dishes WHERE restaurant_id = $1", restaurant_id)
    sections: dict[str, list[str]] = {}
    for row in rows:
        sections.setdefault(row["section"], []).append(row["dish"])
    return {"restaurant_id": restaurant_id, "sections": sections}


async def sections_of(db, restaurant_id: int) -> dict[str, list[str]]:
    entry = _menus.get(restaurant_id)
    if entry is None:
        entry = await _fetch_menu(db, restaurant_id)
        _menus.set(restaurant_id, entry)
    return entry["sections"]


async def menu_copy(db, restaurant_id: int) -> dict[str, Any]:
    entry = _menus.get(restaurant_id)
    if entry is None:
        entry = await _fetch_menu(db, restaurant_id)
        _menus.set(restaurant_id, entry)
    return copy.deepcopy(entry)


class MenuService:
    def __init__(self, db) -> None:
        self._db = db

    async def summary(self, restaurant_id: int) -> dict[str, Any]:
        hit = _summary_cache.get(restaurant_id)
        if hit is not None:
            return hit  # expect: cache-misuse
        menu = await _fetch_menu(self._db, restaurant_id)
        summary = {"restaurant_id": restaurant_id, "sections": sorted(menu["sections"])}
        _summary_cache[restaurant_id] = summary
        return summary
