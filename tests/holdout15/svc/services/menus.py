"""Menus for customers and partners, and CSV menu imports."""
from __future__ import annotations

import csv
import io
import logging
from typing import Any

import httpx
from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import MenuItem, MenuSection
from svc.errors import NotFound
from svc.repositories.menus import MenuRepository
from svc.repositories.restaurants import RestaurantRepository

logger = logging.getLogger(__name__)

_menu_cache: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=2048, ttl=60)


def invalidate(restaurant_id: int) -> None:
    _menu_cache.pop(restaurant_id, None)


class MenuService:
    def __init__(self, repo: MenuRepository, restaurants: RestaurantRepository, pos_http: httpx.AsyncClient) -> None:
        self._repo = repo
        self._restaurants = restaurants
        self._pos_http = pos_http

    async def menu(self, restaurant_id: int) -> dict[str, Any]:
        cached = _menu_cache.get(restaurant_id)
        if cached is not None:
            return cached
        restaurant = await self._repo.restaurant_with_menu(restaurant_id)
        if restaurant is None:
            raise NotFound(f"restaurant {restaurant_id} not found")
        payload = {
            "restaurant": {"id": restaurant.id, "name": restaurant.name, "is_open": restaurant.is_open},
            "sections": [
                {
                    "name": section.name,
                    "items": [
                        {"id": item.id, "name": item.name, "price_cents": item.price_cents, "sku": item.external_sku}
                        for item in section.items
                        if item.is_available
                    ],
                }
                for section in restaurant.sections
            ],
        }
        _menu_cache[restaurant_id] = payload
        return payload

    async def menu_for_customer(self, restaurant_id: int) -> dict[str, Any]:
        """The cached menu minus whatever the restaurant's POS reports as sold out."""
        menu = await self.menu(restaurant_id)
        restaurant = await self._restaurants.get(restaurant_id)
        if restaurant.pos_location_id:
            resp = await self._pos_http.get(f"/locations/{restaurant.pos_location_id}/stock-outs")
            resp.raise_for_status()
            sold_out = set(resp.json()["skus"])
            for section in menu["sections"]:
                section["items"] = [item for item in section["items"] if item["sku"] not in sold_out]
        return menu

    async def partner_menu(self, restaurant_id: int) -> list[dict[str, Any]]:
        """Full menu, including unavailable items, for the partner dashboard."""
        result = []
        for section in await self._repo.sections(restaurant_id):
            items = await self._repo.items_in_section(section.id)
            result.append(
                {
                    "id": section.id,
                    "name": section.name,
                    "items": [
                        {"id": i.id, "name": i.name, "price_cents": i.price_cents, "available": i.is_available}
                        for i in items
                    ],
                }
            )
        return result


class MenuImporter:
    """Imports a partner's CSV export (columns: section, sku, name, description, price)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def import_csv(self, restaurant_id: int, raw: bytes) -> int:
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        seen_skus: list[str] = []
        unique_rows: list[dict[str, str]] = []
        for row in rows:
            sku = row["sku"].strip()
            if sku in seen_skus:
                continue
            seen_skus.append(sku)
            unique_rows.append(row)

        sections: dict[str, MenuSection] = {}
        for row in unique_rows:
            name = row["section"].strip() or "Menu"
            if name not in sections:
                sections[name] = MenuSection(restaurant_id=restaurant_id, name=name, position=len(sections))
        self._session.add_all(sections.values())
        await self._session.flush()

        self._session.add_all(
            MenuItem(
                restaurant_id=restaurant_id,
                section_id=sections[row["section"].strip() or "Menu"].id,
                name=row["name"].strip(),
                description=row.get("description", "").strip(),
                price_cents=round(float(row["price"]) * 100),
                external_sku=row["sku"].strip(),
            )
            for row in unique_rows
        )
        await self._session.commit()
        invalidate(restaurant_id)
        logger.info("menu imported", extra={"restaurant_id": restaurant_id, "items": len(unique_rows)})
        return len(unique_rows)
