from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import MenuItem, Restaurant


class RestaurantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, restaurant_id: int) -> Restaurant | None:
        return await self.session.get(Restaurant, restaurant_id)

    async def list_active(self, city: str, limit: int = 50, after_id: int = 0) -> Sequence[Restaurant]:
        stmt = (
            select(Restaurant)
            .where(Restaurant.city == city, Restaurant.is_active.is_(True), Restaurant.id > after_id)
            .order_by(Restaurant.id)
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def search_prefix(self, prefix: str, limit: int = 20) -> Sequence[Restaurant]:
        stmt = select(Restaurant).where(Restaurant.name.like(f"{prefix}%")).order_by(Restaurant.name).limit(limit)
        return (await self.session.scalars(stmt)).all()

    async def search(self, term: str, city: str) -> Sequence[Restaurant]:
        rows = await self.session.execute(
            text(
                "SELECT * FROM restaurants WHERE city = :city AND is_active "
                "AND name ILIKE '%' || :term || '%' ORDER BY name LIMIT 50"
            ),
            {"term": term, "city": city},
        )
        return [Restaurant(**dict(r._mapping)) for r in rows]

    async def available_counts(self, restaurant_ids: list[int]) -> dict[int, int]:
        stmt = (
            select(MenuItem.restaurant_id, func.count())
            .where(MenuItem.restaurant_id.in_(restaurant_ids), MenuItem.is_available.is_(True))
            .group_by(MenuItem.restaurant_id)
        )
        return {rid: n for rid, n in (await self.session.execute(stmt)).all()}

    async def set_logo(self, restaurant_id: int, url: str) -> None:
        restaurant = await self.session.get(Restaurant, restaurant_id)
        if restaurant is not None:
            restaurant.logo_url = url
            await self.session.commit()

    async def in_city_ids(self, city: str) -> list[int]:
        rows = await self.session.execute(
            select(Restaurant.id).where(Restaurant.city == city, Restaurant.is_active.is_(True))
        )
        return [rid for (rid,) in rows.all()]

    async def deactivate(self, restaurant_id: int) -> bool:
        result = await self.session.execute(
            update(Restaurant).where(Restaurant.id == restaurant_id).values(is_active=False)
        )
        await self.session.commit()
        return (result.rowcount or 0) > 0
