from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from svc.repos.menu_repo import MenuRepository
from svc.repos.restaurant_repo import RestaurantRepository
from svc.utils.media import fetch_logo_dimensions


class LogoRejected(Exception):
    pass


@dataclass
class RestaurantSummary:
    id: int
    name: str
    city: str
    open_items: int


class RestaurantService:
    def __init__(self, session: AsyncSession) -> None:
        self.repo = RestaurantRepository(session)
        self.menus = MenuRepository(session)

    async def list_for_city(self, city: str, after_id: int = 0) -> list[RestaurantSummary]:
        restaurants = await self.repo.list_active(city, after_id=after_id)
        summaries = []
        for restaurant in restaurants:
            open_items = await self.menus.count_available(restaurant.id)
            summaries.append(RestaurantSummary(restaurant.id, restaurant.name, restaurant.city, open_items))
        return summaries

    async def featured(self, city: str) -> list[RestaurantSummary]:
        restaurants = await self.repo.list_active(city, limit=12)
        counts = await self.repo.available_counts([r.id for r in restaurants])
        return [
            RestaurantSummary(r.id, r.name, r.city, counts.get(r.id, 0))
            for r in restaurants
            if counts.get(r.id, 0) > 0
        ]

    async def search(self, term: str, city: str) -> list[RestaurantSummary]:
        if len(term) < 3:
            found = await self.repo.search_prefix(term)
        else:
            found = await self.repo.search(term, city)
        return [RestaurantSummary(r.id, r.name, r.city, -1) for r in found]

    async def update_logo(self, restaurant_id: int, url: str) -> None:
        dims = fetch_logo_dimensions(url)
        if dims is None or dims[0] < 128 or dims[0] != dims[1]:
            raise LogoRejected("logo must be a square PNG of at least 128px")
        await self.repo.set_logo(restaurant_id, url)
