"""Order and ticket queries (asyncpg, raw SQL)."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import asyncpg
from fastapi import HTTPException

from svc.errors import NotFound, PromoExhausted

ORDER_COLUMNS = "id, event_id, customer_email, status, total, currency, payment_intent_id, created_at"


async def get_order(conn: asyncpg.Connection, order_id: int) -> asyncpg.Record:
    row = await conn.fetchrow(f"SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1", order_id)
    if row is None:
        raise HTTPException(status_code=404, detail="order not found")
    return row


async def get_order_by_intent(conn: asyncpg.Connection, intent_id: str) -> asyncpg.Record:
    row = await conn.fetchrow(f"SELECT {ORDER_COLUMNS} FROM orders WHERE payment_intent_id = $1", intent_id)
    if row is None:
        raise NotFound(f"no order for payment intent {intent_id}")
    return row


async def orders_for_customer(conn: asyncpg.Connection, email: str, limit: int = 20) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {ORDER_COLUMNS} FROM orders WHERE customer_email = $1 ORDER BY created_at DESC LIMIT $2",
        email,
        limit,
    )


async def orders_for_event(conn: asyncpg.Connection, event_id: int) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT * FROM orders WHERE event_id = $1 ORDER BY created_at DESC", event_id)


async def tickets_for_order(conn: asyncpg.Connection, order_id: int) -> list[asyncpg.Record]:
    return await conn.fetch("SELECT id, seat_id, barcode, holder_name FROM tickets WHERE order_id = $1", order_id)


async def ticket_by_barcode(conn: asyncpg.Connection, barcode: str) -> asyncpg.Record | None:
    return await conn.fetchrow("SELECT id, order_id, seat_id, scanned_at FROM tickets WHERE barcode = $1", barcode)


async def mark_scanned(conn: asyncpg.Connection, ticket_id: int) -> None:
    await conn.execute("UPDATE tickets SET scanned_at = now() WHERE id = $1", ticket_id)


async def insert_tickets(conn: asyncpg.Connection, rows: Iterable[tuple[int, int, str]]) -> None:
    await conn.executemany(
        "INSERT INTO tickets (order_id, seat_id, barcode) VALUES ($1, $2, $3)",
        list(rows),
    )


async def create_order(
    conn: asyncpg.Connection, event_id: int, email: str, total: Decimal, currency: str, idem_key: str
) -> int:
    order_id = await conn.fetchval(
        "INSERT INTO orders (event_id, customer_email, status, total, currency, idempotency_key) "
        "VALUES ($1, $2, 'pending', $3, $4, $5) "
        "ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key "
        "RETURNING id",
        event_id,
        email,
        total,
        currency,
        idem_key,
    )
    return int(order_id)


async def set_status(conn: asyncpg.Connection, order_id: int, status: str, intent_id: str | None = None) -> None:
    await conn.execute(
        "UPDATE orders SET status = $2, payment_intent_id = COALESCE($3, payment_intent_id) WHERE id = $1",
        order_id,
        status,
        intent_id,
    )


async def claim_promo(conn: asyncpg.Connection, code: str, event_id: int) -> int:
    pct = await conn.fetchval(
        "UPDATE promo_codes SET uses = uses + 1 WHERE code = $1 AND event_id = $2 AND uses < max_uses "
        "RETURNING discount_pct",
        code,
        event_id,
    )
    if pct is None:
        raise PromoExhausted(f"promo code {code!r} is not available")
    return int(pct)


async def captured_unsettled(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        f"SELECT {ORDER_COLUMNS} FROM orders WHERE status = 'captured' AND created_at < now() - interval '1 hour' "
        "ORDER BY created_at LIMIT $1",
        limit,
    )


async def mark_settled(conn: asyncpg.Connection, order_ids: list[int]) -> None:
    await conn.execute(
        "UPDATE orders SET status = 'settled', settled_at = now() WHERE id = ANY($1::bigint[])",
        order_ids,
    )
