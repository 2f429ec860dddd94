"""Restaurant lookups (asyncpg)."""
from __future__ import annotations

from dataclasses import dataclass

from svc.db.stores import Database
from svc.errors import NotFound

_COLUMNS = "id, slug, name, city, is_open, pos_location_id, webhook_url, webhook_secret"


@dataclass(frozen=True, slots=True)
class RestaurantRow:
    id: int
    slug: str
    name: str
    city: str
    is_open: bool
    pos_location_id: str | None
    webhook_url: str | None
    webhook_secret: str | None


class RestaurantRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, restaurant_id: int) -> RestaurantRow:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM restaurants WHERE id = $1", restaurant_id)
        if row is None:
            raise NotFound(f"restaurant {restaurant_id} not found")
        return RestaurantRow(**dict(row))

    async def get_by_slug(self, slug: str) -> RestaurantRow:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM restaurants WHERE slug = $1", slug)
        if row is None:
            raise NotFound(f"restaurant {slug!r} not found")
        return RestaurantRow(**dict(row))

    async def list_open_in_city(self, city: str, after_id: int, limit: int) -> list[RestaurantRow]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM restaurants WHERE city = $1 AND id > $2 AND is_open ORDER BY id LIMIT $3",
                city,
                after_id,
                limit,
            )
        return [RestaurantRow(**dict(row)) for row in rows]

    async def search(self, term: str, limit: int = 20) -> list[RestaurantRow]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM restaurants WHERE name ILIKE '%' || $1 || '%' ORDER BY name LIMIT $2",
                term,
                limit,
            )
        return [RestaurantRow(**dict(row)) for row in rows]
