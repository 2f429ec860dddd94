"""Queries that run on a connection the caller holds."""
import asyncpg


async def open_entries(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT id, amount FROM entries WHERE closed_at IS NULL LIMIT $1", limit)


async def close_entries(conn: asyncpg.Connection, ids: list[int]) -> None:
    await conn.execute("UPDATE entries SET closed_at = now() WHERE id = ANY($1::bigint[])", ids)
