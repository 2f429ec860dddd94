"""Seat inventory queries (asyncpg, raw SQL)."""
from __future__ import annotations

from datetime import datetime

import asyncpg


async def seats_for_venue(conn: asyncpg.Connection, venue_id: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, section, row_label, number, price_tier FROM seats WHERE venue_id = $1",
        venue_id,
    )


async def seats_by_ids(conn: asyncpg.Connection, seat_ids: list[int]) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, venue_id, section, row_label, number, price_tier FROM seats WHERE id = ANY($1::bigint[])",
        seat_ids,
    )


async def sold_seat_ids(conn: asyncpg.Connection, event_id: int) -> list[int]:
    rows = await conn.fetch(
        "SELECT t.seat_id FROM tickets t JOIN orders o ON o.id = t.order_id "
        "WHERE o.event_id = $1 AND o.status IN ('captured', 'settled')",
        event_id,
    )
    return [r["seat_id"] for r in rows]


async def insert_holds(
    conn: asyncpg.Connection, event_id: int, seat_ids: list[int], session_id: str, expires_at: datetime
) -> list[int]:
    rows = await conn.fetch(
        "INSERT INTO seat_holds (event_id, seat_id, session_id, expires_at) "
        "SELECT $1, s, $3, $4 FROM unnest($2::bigint[]) AS s "
        "ON CONFLICT (event_id, seat_id) DO NOTHING RETURNING seat_id",
        event_id,
        seat_ids,
        session_id,
        expires_at,
    )
    return [r["seat_id"] for r in rows]


async def release_expired(conn: asyncpg.Connection, batch: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "DELETE FROM seat_holds WHERE id IN ("
        "  SELECT id FROM seat_holds WHERE expires_at < now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED"
        ") RETURNING event_id, seat_id, session_id",
        batch,
    )


async def delete_holds(conn: asyncpg.Connection, event_id: int, seat_ids: list[int], session_id: str) -> int:
    result = await conn.execute(
        "DELETE FROM seat_holds WHERE event_id = $1 AND seat_id = ANY($2::bigint[]) AND session_id = $3",
        event_id,
        seat_ids,
        session_id,
    )
    return int(result.split()[-1])
