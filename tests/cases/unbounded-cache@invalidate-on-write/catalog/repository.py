"""Listing rows."""
from __future__ import annotations

import asyncpg


class ListingRepository:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    async def connect(self, dsn: str) -> None:
        self._pool = await asyncpg.create_pool(dsn)

    def _db(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("connect() first")
        return self._pool

    async def get(self, listing_id: int) -> dict:
        row = await self._db().fetchrow("SELECT id, title, price_minor FROM listings WHERE id = $1", listing_id)
        return dict(row)

    async def set_price(self, listing_id: int, price_minor: int) -> None:
        await self._db().execute("UPDATE listings SET price_minor = $2 WHERE id = $1", listing_id, price_minor)
