"""Shelf tags read with raw SQL over a Core table keyed by (shelf_code, tag)."""
from __future__ import annotations

import asyncpg


async def tags_on_shelf(pool: asyncpg.Pool, shelf_code: str) -> list[asyncpg.Record]:
    return await pool.fetch("SELECT tag FROM shelf_tags WHERE shelf_code = $1", shelf_code)


async def shelves_with_tag(pool: asyncpg.Pool, tag: str) -> list[asyncpg.Record]:
    return await pool.fetch("SELECT shelf_code FROM shelf_tags WHERE tag = $1", tag)  # expect: missing-index
