from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

import asyncpg


async def seats_unavailable(conn: asyncpg.Connection, event_id: int, seat_ids: Sequence[int]) -> set[int]:
    rows = await conn.fetch(
        """
        SELECT seat_id FROM seat_holds
         WHERE event_id = $1 AND seat_id = ANY($2::int[]) AND expires_at > now()
        UNION
        SELECT seat_id FROM tickets
         WHERE event_id = $1 AND seat_id = ANY($2::int[]) AND status <> 'void'
        """,
        event_id,
        list(seat_ids),
    )
    return {row["seat_id"] for row in rows}


async def insert_holds(
    conn: asyncpg.Connection, event_id: int, seat_ids: Sequence[int], customer_id: int, ttl: timedelta
) -> list[uuid.UUID]:
    rows = await conn.fetch(
        """
        INSERT INTO seat_holds (id, event_id, seat_id, customer_id, created_at, expires_at)
        SELECT gen_random_uuid(), $1, seat_id, $3, now(), now() + $4::interval
          FROM unnest($2::int[]) AS seat_id
        RETURNING id
        """,
        event_id,
        list(seat_ids),
        customer_id,
        ttl,
    )
    return [row["id"] for row in rows]


async def holds_for_customer(conn: asyncpg.Connection, customer_id: int, event_id: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, seat_id, expires_at FROM seat_holds WHERE customer_id = $1 AND event_id = $2 AND expires_at > now()",
        customer_id,
        event_id,
    )


async def release(conn: asyncpg.Connection, hold_id: uuid.UUID, customer_id: int) -> int | None:
    return await conn.fetchval(
        "DELETE FROM seat_holds WHERE id = $1 AND customer_id = $2 RETURNING seat_id", hold_id, customer_id
    )


async def extend(conn: asyncpg.Connection, hold_ids: Sequence[uuid.UUID], ttl: timedelta) -> int:
    result = await conn.execute(
        "UPDATE seat_holds SET expires_at = now() + $2::interval WHERE id = ANY($1::uuid[]) AND expires_at > now()",
        list(hold_ids),
        ttl,
    )
    return int(result.split()[-1])


async def delete_expired(conn: asyncpg.Connection, batch: int = 500) -> list[asyncpg.Record]:
    return await conn.fetch(
        """
        DELETE FROM seat_holds
         WHERE id IN (
            SELECT id FROM seat_holds WHERE expires_at < now()
             LIMIT $1 FOR UPDATE SKIP LOCKED
         )
        RETURNING event_id, seat_id
        """,
        batch,
    )


async def by_qr_token(conn: asyncpg.Connection, token: str) -> asyncpg.Record | None:
    return await conn.fetchrow(
        """
        SELECT t.id, t.event_id, t.seat_id, t.status, t.scanned_at, t.gate, t.holder_customer_id
          FROM tickets t
         WHERE t.qr_token = $1
        """,
        token,
    )


async def by_id(conn: asyncpg.Connection, ticket_id: int) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT * FROM tickets WHERE id = $1", ticket_id)


async def for_order(conn: asyncpg.Connection, order_id: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, event_id, seat_id, qr_token, status FROM tickets WHERE order_id = $1 ORDER BY id", order_id
    )


async def issue(
    conn: asyncpg.Connection,
    order_id: int,
    event_id: int,
    holder_id: int,
    seat_ids: Sequence[int],
    tokens: Sequence[str],
) -> list[int]:
    rows = await conn.fetch(
        """
        INSERT INTO tickets (order_id, event_id, seat_id, holder_customer_id, qr_token, status)
        SELECT $1, $2, s.seat_id, $3, s.token, 'valid'
          FROM unnest($4::int[], $5::text[]) AS s(seat_id, token)
        RETURNING id
        """,
        order_id,
        event_id,
        holder_id,
        list(seat_ids),
        list(tokens),
    )
    return [row["id"] for row in rows]


async def mark_scanned(conn: asyncpg.Connection, ticket_id: int, gate: str) -> bool:
    row = await conn.fetchrow(
        "UPDATE tickets SET scanned_at = now(), gate = $2 WHERE id = $1 AND scanned_at IS NULL AND status = 'valid' RETURNING id",
        ticket_id,
        gate,
    )
    return row is not None


async def reassign(conn: asyncpg.Connection, ticket_id: int, new_holder: int, new_token: str) -> None:
    await conn.execute(
        "UPDATE tickets SET holder_customer_id = $2, qr_token = $3 WHERE id = $1", ticket_id, new_holder, new_token
    )


async def log_scan(conn: asyncpg.Connection, ticket_id: int | None, device_id: str, result: str) -> None:
    await conn.execute(
        "INSERT INTO scan_log (ticket_id, device_id, result) VALUES ($1, $2, $3)", ticket_id, device_id, result
    )


async def scan_history(conn: asyncpg.Connection, ticket_id: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT device_id, result, scanned_at FROM scan_log WHERE ticket_id = $1 ORDER BY scanned_at DESC LIMIT 20",
        ticket_id,
    )
