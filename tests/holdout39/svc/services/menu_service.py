from __future__ import annotations

import logging
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.menu_cache import MenuCache
from svc.clients.pos_client import PosClient, PosError
from svc.repos.menu_repo import MenuRepository
from svc.repos.restaurant_repo import RestaurantRepository

logger = logging.getLogger(__name__)

_last_sync: dict[int, datetime] = {}


def record_sync(restaurant_id: int) -> None:
    _last_sync[restaurant_id] = datetime.now(timezone.utc)


def last_synced(restaurant_id: int) -> datetime | None:
    return _last_sync.get(restaurant_id)


class MenuService:
    def __init__(self, session: AsyncSession, cache: MenuCache, pos: PosClient) -> None:
        self.session = session
        self.repo = MenuRepository(session)
        self.restaurants = RestaurantRepository(session)
        self.cache = cache
        self.pos = pos

    async def _load(self, restaurant_id: int, include_unavailable: bool) -> list[dict[str, Any]]:
        items = await self.repo.items_for(restaurant_id, include_unavailable=include_unavailable)
        return [
            {"id": i.id, "sku": i.sku, "name": i.name, "price": str(i.price), "available": i.is_available}
            for i in items
        ]

    async def menu(self, restaurant_id: int, include_unavailable: bool = False) -> list[dict[str, Any]]:
        restaurant = await self.restaurants.get(restaurant_id)
        if restaurant is None:
            return []
        items = await self.cache.get_menu(
            restaurant_id, include_unavailable, lambda: self._load(restaurant_id, include_unavailable)
        )
        if restaurant.pos_url:
            live = await self.pos.fetch_availability(restaurant.pos_url)
            for item in items:
                item["available"] = live.get(item["sku"], item["available"])
        return items

    async def set_price(self, restaurant_id: int, item_id: int, price: Decimal) -> None:
        item = await self.repo.get_item(item_id)
        if item is None or item.restaurant_id != restaurant_id:
            raise LookupError(item_id)
        item.price = price
        await self.session.commit()
        await self.cache.invalidate(restaurant_id)

    async def sync_from_pos(self, restaurant_id: int, pos_url: str) -> int:
        try:
            flags = await self.pos.fetch_availability(pos_url)
        except PosError as exc:
            logger.warning("availability sync failed for %s: %s", restaurant_id, exc)
            return 0
        changed = await self.repo.set_availability(restaurant_id, flags)
        if changed:
            await self.cache.invalidate(restaurant_id)
        record_sync(restaurant_id)
        return changed
