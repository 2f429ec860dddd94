"""Lot search on postgres full-text."""
from __future__ import annotations

from typing import Any

from svc.db.engine import pg

_COLUMNS = "id, title, category, current_price_cents, starting_price_cents, ends_at"


async def search_titles(query: str, category: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    sql = (
        f"SELECT {_COLUMNS}, ts_rank(search_vector, q) AS rank "
        "FROM lots, plainto_tsquery('english', $1) q "
        "WHERE status = 'open' AND search_vector @@ q "
        "AND ($2::text IS NULL OR category = $2) "
        "ORDER BY rank DESC, id LIMIT $3 OFFSET $4"
    )
    async with pg.acquire() as conn:
        rows = await conn.fetch(sql, query, category, limit, offset)
    return [dict(r) for r in rows]


async def search_descriptions(query: str, limit: int) -> list[dict[str, Any]]:
    sql = (
        f"SELECT {_COLUMNS} FROM lots "
        "WHERE status = 'open' AND to_tsvector('english', description) @@ plainto_tsquery('english', $1) "
        "LIMIT $2"
    )
    async with pg.acquire() as conn:
        rows = await conn.fetch(sql, query, limit)
    return [dict(r) for r in rows]


async def search_substring(fragment: str, limit: int) -> list[dict[str, Any]]:
    sql = (
        f"SELECT {_COLUMNS} FROM lots "
        "WHERE status = 'open' AND title ILIKE '%' || $1 || '%' "
        "ORDER BY ends_at LIMIT $2"
    )
    async with pg.acquire() as conn:
        rows = await conn.fetch(sql, fragment, limit)
    return [dict(r) for r in rows]


async def category_counts() -> dict[str, int]:
    async with pg.acquire() as conn:
        rows = await conn.fetch(
            "SELECT category, count(*) AS n FROM lots WHERE status = 'open' GROUP BY category"
        )
    return {r["category"]: r["n"] for r in rows}
