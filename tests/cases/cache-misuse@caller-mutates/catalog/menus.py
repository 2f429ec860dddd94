"""Restaurant menus, cached per restaurant for a minute."""
from __future__ import annotations

import copy
from typing import Any

from cachetools import TTLCache

from catalog.repo import MenuRepository

_menus: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=1024, ttl=60)
_banners: TTLCache[int, tuple[str, ...]] = TTLCache(maxsize=1024, ttl=60)


class MenuService:
    def __init__(self, repo: MenuRepository) -> None:
        self._repo = repo

    async def _load(self, restaurant_id: int) -> dict[str, Any]:
        sections = await self._repo.sections(restaurant_id)
        return {"restaurant_id": restaurant_id, "sections": [dict(s) for s in sections]}

    async def menu(self, restaurant_id: int) -> dict[str, Any]:
        cached = _menus.get(restaurant_id)
        if cached is not None:
            return cached  # expect: cache-misuse
        menu = await self._load(restaurant_id)
        _menus[restaurant_id] = menu
        return menu

    async def menu_without(self, restaurant_id: int, sold_out: set[str]) -> dict[str, Any]:
        menu = await self.menu(restaurant_id)
        for section in menu["sections"]:
            section["items"] = [i for i in section["items"] if i["sku"] not in sold_out]  # expect: cache-misuse
        return menu

    async def menu_copy_without(self, restaurant_id: int, sold_out: set[str]) -> dict[str, Any]:
        menu = copy.deepcopy(await self.menu(restaurant_id))
        for section in menu["sections"]:
            section["items"] = [i for i in section["items"] if i["sku"] not in sold_out]
        return menu

    async def section_names(self, restaurant_id: int) -> list[str]:
        menu = await self.menu(restaurant_id)
        names = []
        for section in menu["sections"]:
            names.append(section["name"])
        return names

    async def banners(self, restaurant_id: int) -> tuple[str, ...]:
        cached = _banners.get(restaurant_id)
        if cached is not None:
            return cached
        rows = await self._repo.banners(restaurant_id)
        banners = tuple(r["text"] for r in rows)
        _banners[restaurant_id] = banners
        return banners
