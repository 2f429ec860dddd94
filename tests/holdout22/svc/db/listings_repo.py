"""Raw-SQL access to listings, photos and view events."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from uuid import UUID

import asyncpg

from svc.config import settings
from svc.db.engine import connection, db

LISTING_COLUMNS = "id, landlord_id, title, city, postal_code, latitude, longitude, bedrooms, monthly_rent, status, created_at"


async def get_listing(listing_id: int) -> asyncpg.Record | None:
    async with connection() as conn:
        return await conn.fetchrow(f"SELECT {LISTING_COLUMNS}, description FROM listings WHERE id = $1", listing_id)


async def search_available(
    city: str | None,
    min_rent: Decimal | None,
    max_rent: Decimal | None,
    after_id: int | None,
    limit: int,
) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(
            f"SELECT {LISTING_COLUMNS} FROM listings "
            "WHERE status = 'available' "
            "AND ($1::text IS NULL OR city = $1) "
            "AND monthly_rent BETWEEN coalesce($2, 0) AND coalesce($3, 1e9) "
            "AND ($4::bigint IS NULL OR id < $4) "
            "ORDER BY id DESC LIMIT $5",
            city, min_rent, max_rent, after_id, limit,
        )


async def in_bounding_box(south: float, west: float, north: float, east: float, limit: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        bbox = "latitude BETWEEN $1 AND $3 AND longitude BETWEEN $2 AND $4"
        return await conn.fetch(f"SELECT {LISTING_COLUMNS} FROM listings WHERE {bbox} LIMIT $5", south, west, north, east, limit)


async def keyword_search(term: str, limit: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(f"SELECT {LISTING_COLUMNS} FROM listings WHERE search_vector @@ plainto_tsquery('english', $1) LIMIT $2", term, limit)


async def phrase_search(phrase: str, limit: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(f"SELECT {LISTING_COLUMNS} FROM listings WHERE description ILIKE '%' || $1 || '%' LIMIT $2", phrase, limit)


async def photos_for_listings(listing_ids: Sequence[int]) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch("SELECT listing_id, position, thumb_path FROM listing_photos WHERE listing_id = ANY($1::bigint[])", list(listing_ids))


async def cover_photo(listing_id: int) -> str | None:
    async with connection() as conn:
        return await conn.fetchval("SELECT thumb_path FROM listing_photos WHERE listing_id = $1 ORDER BY position LIMIT 1", listing_id)


async def listings_for_landlord(landlord_id: UUID) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(f"SELECT {LISTING_COLUMNS} FROM listings WHERE landlord_id = $1 ORDER BY id DESC LIMIT 200", landlord_id)


async def mark_leased(listing_id: int) -> bool:
    async with connection() as conn:
        row = await conn.fetchrow("UPDATE listings SET status = 'leased' WHERE id = $1 AND status = 'available' RETURNING id", listing_id)
    return row is not None


async def view_history(listing_id: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch("SELECT * FROM listing_views WHERE listing_id = $1 ORDER BY viewed_at", listing_id)


async def daily_view_counts(listing_id: int, days: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(
            "SELECT date_trunc('day', viewed_at) AS day, count(*) AS views FROM listing_views "
            "WHERE listing_id = $1 AND viewed_at > now() - make_interval(days => $2) "
            "GROUP BY 1 ORDER BY 1",
            listing_id, days,
        )


async def record_view(listing_id: int, viewer_id: UUID | None, referrer: str | None) -> None:
    conn = await db.ready.acquire(timeout=settings.pg_acquire_timeout)
    await conn.execute(
        "INSERT INTO listing_views (listing_id, viewer_id, referrer) VALUES ($1, $2, $3)",
        listing_id, viewer_id, referrer,
    )
    await db.ready.release(conn)


async def pending_photos(limit: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(
            "SELECT id, listing_id, original_path FROM listing_photos WHERE status = 'pending' ORDER BY id LIMIT $1",
            limit,
        )


async def claim_photo(photo_id: int) -> bool:
    async with connection() as conn:
        result = await conn.execute(
            "UPDATE listing_photos SET status = 'processing' WHERE id = $1 AND status = 'pending'",
            photo_id,
        )
    return result.endswith(" 1")


async def finish_photo(photo_id: int, thumb_path: str) -> None:
    async with connection() as conn:
        await conn.execute(
            "UPDATE listing_photos SET status = 'ready', thumb_path = $2 WHERE id = $1",
            photo_id, thumb_path,
        )
