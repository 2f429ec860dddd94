"""Postgres access layer.

Everything that talks to the database goes through ``DataManager`` so that
routes, services and workers share one pool and one set of queries.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence

import asyncpg

from app.config import settings

logger = logging.getLogger(__name__)

OPEN_ORDER_STATUSES: tuple[str, ...] = ("new", "partially_filled")
TERMINAL_ORDER_STATUSES: tuple[str, ...] = ("filled", "cancelled", "expired", "rejected")


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )


async def create_pool(dsn: str | None = None) -> asyncpg.Pool:
    """Create the shared asyncpg pool used by the whole process."""
    pool = await asyncpg.create_pool(
        dsn or settings.database_url,
        min_size=settings.db_pool_min_size,
        max_size=settings.db_pool_max_size,
        timeout=10,
        init=_init_connection,
    )
    logger.info(
        "database pool ready (min=%d, max=%d)",
        settings.db_pool_min_size,
        settings.db_pool_max_size,
    )
    return pool


def _rows_affected(status: str) -> int:
    """Parse the row count out of an asyncpg command status like 'DELETE 12'."""
    try:
        return int(status.rsplit(" ", 1)[-1])
    except (ValueError, IndexError):
        return 0


class DataManager:
    """All persistence for users, instruments, orders, positions, alerts and audit."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float | None = None) -> None:
        self.pool = pool
        self._acquire_timeout = acquire_timeout or settings.db_acquire_timeout

    async def close(self) -> None:
        await self.pool.close()

    async def ping(self) -> bool:
        async with self.pool.acquire(timeout=2) as conn:
            return await conn.fetchval("SELECT 1") == 1

    # ------------------------------------------------------------------ users

    async def get_user(self, user_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            SELECT id, email, display_name, is_admin, is_active, cash_balance,
                   settings, created_at
            FROM users
            WHERE id = $1
            """,
            user_id,
        )

    async def get_user_by_api_key(self, api_key: str) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            SELECT id, email, display_name, is_admin, is_active
            FROM users
            WHERE api_key = $1 AND is_active
            """,
            api_key,
        )

    async def get_user_by_email(self, email: str):
        return await self.pool.fetchrow("SELECT * FROM users WHERE email = $1", email.lower())

    async def list_active_users(self) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT id, email, display_name, settings
            FROM users
            WHERE is_active
            ORDER BY id
            """
        )

    async def create_user(
        self, email: str, display_name: str, password_hash: str, api_key: str
    ) -> asyncpg.Record:
        return await self.pool.fetchrow(
            """
            INSERT INTO users (email, display_name, password_hash, api_key)
            VALUES ($1, $2, $3, $4)
            RETURNING id, email, display_name, is_admin, is_active, created_at
            """,
            email.lower(),
            display_name,
            password_hash,
            api_key,
        )

    async def update_user_settings(self, user_id: int, patch: dict[str, Any]) -> None:
        await self.pool.execute(
            "UPDATE users SET settings = settings || $2::jsonb WHERE id = $1",
            user_id,
            patch,
        )

    async def set_user_active(self, user_id: int, active: bool) -> bool:
        status = await self.pool.execute(
            "UPDATE users SET is_active = $2 WHERE id = $1", user_id, active
        )
        return _rows_affected(status) == 1

    async def get_cash_balance(self, user_id: int) -> Decimal:
        value = await self.pool.fetchval(
            "SELECT cash_balance FROM users WHERE id = $1", user_id
        )
        return value if value is not None else Decimal("0")

    async def adjust_cash_balance(self, user_id: int, delta: Decimal) -> Decimal:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            new_balance = await conn.fetchval(
                """
                UPDATE users
                SET cash_balance = cash_balance + $2
                WHERE id = $1 AND cash_balance + $2 >= 0
                RETURNING cash_balance
                """,
                user_id,
                delta,
            )
        if new_balance is None:
            raise ValueError(f"insufficient funds for user {user_id}")
        return new_balance

    async def list_user_ids_with_positions(self) -> list[int]:
        rows = await self.pool.fetch(
            "SELECT DISTINCT user_id FROM positions WHERE quantity <> 0"
        )
        return [row["user_id"] for row in rows]

    # ------------------------------------------------------------ instruments

    async def get_instrument(self, instrument_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            SELECT id, symbol, name, exchange, currency, tick_size, lot_size,
                   last_price, last_price_at
            FROM instruments
            WHERE id = $1
            """,
            instrument_id,
        )

    async def get_instrument_by_symbol(self, symbol: str) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            SELECT id, symbol, name, exchange, currency, tick_size, lot_size,
                   last_price, last_price_at
            FROM instruments
            WHERE symbol = $1
            """,
            symbol.upper(),
        )

    async def get_instruments_by_ids(
        self, instrument_ids: Sequence[int]
    ) -> dict[int, asyncpg.Record]:
        """Fetch many instruments in one round trip, keyed by id."""
        if not instrument_ids:
            return {}
        rows = await self.pool.fetch(
            """
            SELECT id, symbol, name, exchange, currency, tick_size, lot_size,
                   last_price, last_price_at
            FROM instruments
            WHERE id = ANY($1::bigint[])
            """,
            list(set(instrument_ids)),
        )
        return {row["id"]: row for row in rows}

    async def get_instruments_by_symbols(
        self, symbols: Sequence[str]
    ) -> dict[str, asyncpg.Record]:
        if not symbols:
            return {}
        rows = await self.pool.fetch(
            """
            SELECT id, symbol, name, exchange, currency, tick_size, lot_size, last_price
            FROM instruments
            WHERE symbol = ANY($1::text[])
            """,
            [symbol.upper() for symbol in symbols],
        )
        return {row["symbol"]: row for row in rows}

    async def search_instruments(self, query: str, limit: int = 25) -> list[asyncpg.Record]:
        return await self.pool.fetch("SELECT id, symbol, name, exchange, currency FROM instruments WHERE name ILIKE '%' || $1 || '%' ORDER BY symbol LIMIT $2", query, limit)

    async def autocomplete_symbols(self, prefix: str, limit: int = 10) -> list[str]:
        rows = await self.pool.fetch(
            """
            SELECT symbol
            FROM instruments
            WHERE symbol LIKE $1 AND is_active
            ORDER BY symbol
            LIMIT $2
            """,
            prefix.upper().replace("%", "").replace("_", "") + "%",
            limit,
        )
        return [row["symbol"] for row in rows]

    async def list_active_instruments(self) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT id, symbol, last_price, last_price_at
            FROM instruments
            WHERE is_active
            ORDER BY symbol
            """
        )

    async def upsert_instrument(
        self,
        symbol: str,
        name: str,
        exchange: str,
        currency: str = "USD",
        tick_size: Decimal = Decimal("0.01"),
        lot_size: int = 1,
    ) -> int:
        return await self.pool.fetchval(
            """
            INSERT INTO instruments (symbol, name, exchange, currency, tick_size, lot_size)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (symbol) DO UPDATE
            SET name = EXCLUDED.name, exchange = EXCLUDED.exchange,
                currency = EXCLUDED.currency, tick_size = EXCLUDED.tick_size,
                lot_size = EXCLUDED.lot_size
            RETURNING id
            """,
            symbol.upper(),
            name,
            exchange,
            currency,
            tick_size,
            lot_size,
        )

    async def set_instrument_active(self, instrument_id: int, active: bool) -> bool:
        status = await self.pool.execute(
            "UPDATE instruments SET is_active = $2 WHERE id = $1", instrument_id, active
        )
        return _rows_affected(status) == 1

    async def update_last_prices(
        self, prices: Iterable[tuple[int, Decimal, datetime]]
    ) -> None:
        batch = list(prices)
        if not batch:
            return
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.executemany(
                "UPDATE instruments SET last_price = $2, last_price_at = $3 WHERE id = $1",
                batch,
            )

    # ----------------------------------------------------------------- orders

    async def create_order(
        self,
        user_id: int,
        instrument_id: int,
        side: str,
        order_type: str,
        quantity: Decimal,
        limit_price: Decimal | None,
        client_ref: str | None = None,
    ) -> asyncpg.Record:
        return await self.pool.fetchrow(
            """
            INSERT INTO orders (user_id, instrument_id, side, order_type, quantity,
                                limit_price, client_ref)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id, user_id, instrument_id, side, order_type, quantity,
                      limit_price, status, filled_quantity, avg_fill_price,
                      client_ref, created_at, updated_at
            """,
            user_id,
            instrument_id,
            side,
            order_type,
            quantity,
            limit_price,
            client_ref,
        )

    async def get_order(self, order_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            SELECT id, user_id, instrument_id, side, order_type, quantity,
                   limit_price, status, filled_quantity, avg_fill_price,
                   client_ref, created_at, updated_at
            FROM orders
            WHERE id = $1
            """,
            order_id,
        )

    async def list_orders_page(
        self, user_id: int, limit: int = 50, offset: int = 0
    ) -> list[asyncpg.Record]:
        return await self.pool.fetch("SELECT id, instrument_id, side, order_type, quantity, limit_price, status, filled_quantity, created_at FROM orders WHERE user_id = $1 ORDER BY created_at DESC OFFSET $2 LIMIT $3", user_id, offset, limit)

    async def list_orders_before(
        self, user_id: int, before: datetime, limit: int = 50
    ) -> list[asyncpg.Record]:
        """Keyset pagination over a user's orders, newest first."""
        return await self.pool.fetch("SELECT id, instrument_id, side, order_type, quantity, limit_price, status, filled_quantity, created_at FROM orders WHERE user_id = $1 AND created_at < $2 ORDER BY created_at DESC LIMIT $3", user_id, before, limit)

    async def find_stale_orders(self, cutoff: datetime, batch_size: int = 500) -> list[asyncpg.Record]:
        return await self.pool.fetch("SELECT id, user_id, instrument_id, side, quantity, limit_price, created_at FROM orders WHERE status = $1 AND created_at < $2 LIMIT $3", "new", cutoff, batch_size)

    async def update_order_status(self, order_id: int, status: str) -> None:
        await self.pool.execute(
            "UPDATE orders SET status = $2, updated_at = now() WHERE id = $1",
            order_id,
            status,
        )

    async def cancel_order(self, order_id: int, user_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            UPDATE orders
            SET status = 'cancelled', updated_at = now()
            WHERE id = $1 AND user_id = $2 AND status = ANY($3::text[])
            RETURNING id, user_id, instrument_id, side, order_type, quantity,
                      limit_price, status, filled_quantity, avg_fill_price,
                      client_ref, created_at, updated_at
            """,
            order_id,
            user_id,
            list(OPEN_ORDER_STATUSES),
        )

    async def count_open_orders(self, user_id: int) -> int:
        return await self.pool.fetchval(
            """
            SELECT count(*)
            FROM orders
            WHERE user_id = $1 AND status = ANY($2::text[])
            """,
            user_id,
            list(OPEN_ORDER_STATUSES),
        )

    async def fill_order(
        self, order_id: int, fill_quantity: Decimal, fill_price: Decimal
    ) -> asyncpg.Record:
        """Apply an execution report to an order and the owning position."""
        conn = await self.pool.acquire()
        async with conn.transaction():
            order = await conn.fetchrow(
                """
                SELECT id, user_id, instrument_id, side, quantity, filled_quantity,
                       avg_fill_price, status
                FROM orders
                WHERE id = $1
                FOR UPDATE
                """,
                order_id,
            )
            if order is None:
                raise LookupError(f"order {order_id} not found")
            if order["status"] not in OPEN_ORDER_STATUSES:
                raise ValueError(f"order {order_id} is {order['status']}")

            prev_qty: Decimal = order["filled_quantity"]
            prev_avg: Decimal = order["avg_fill_price"] or Decimal("0")
            new_qty = prev_qty + fill_quantity
            new_avg = (prev_qty * prev_avg + fill_quantity * fill_price) / new_qty
            new_status = "filled" if new_qty >= order["quantity"] else "partially_filled"

            updated = await conn.fetchrow(
                """
                UPDATE orders
                SET filled_quantity = $2, avg_fill_price = $3, status = $4,
                    updated_at = now()
                WHERE id = $1
                RETURNING id, user_id, instrument_id, side, order_type, quantity,
                          limit_price, status, filled_quantity, avg_fill_price,
                          client_ref, created_at, updated_at
                """,
                order_id,
                new_qty,
                new_avg,
                new_status,
            )
            signed_qty = fill_quantity if order["side"] == "buy" else -fill_quantity
            await conn.execute(
                """
                INSERT INTO positions (user_id, instrument_id, quantity, avg_price)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (user_id, instrument_id) DO UPDATE
                SET quantity = positions.quantity + EXCLUDED.quantity,
                    avg_price = CASE
                        WHEN positions.quantity + EXCLUDED.quantity = 0 THEN 0
                        ELSE (positions.quantity * positions.avg_price
                              + EXCLUDED.quantity * EXCLUDED.avg_price)
                             / (positions.quantity + EXCLUDED.quantity)
                    END,
                    updated_at = now()
                """,
                order["user_id"],
                order["instrument_id"],
                signed_qty,
                fill_price,
            )
        await self.pool.release(conn)
        return updated

    async def archive_old_orders(self, cutoff: datetime) -> int:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            async with conn.transaction():
                status = await conn.execute(
                    """
                    WITH moved AS (
                        DELETE FROM orders
                        WHERE status = ANY($2::text[]) AND updated_at < $1
                        RETURNING *
                    )
                    INSERT INTO orders_archive SELECT * FROM moved
                    """,
                    cutoff,
                    list(TERMINAL_ORDER_STATUSES),
                )
        moved = _rows_affected(status)
        if moved:
            logger.info("archived %d orders older than %s", moved, cutoff.isoformat())
        return moved

    async def get_order_stats(self) -> dict[str, int]:
        rows = await self.pool.fetch(
            "SELECT status, count(*) AS n FROM orders GROUP BY status"
        )
        return {row["status"]: row["n"] for row in rows}

    async def expire_orders(self, order_ids: Sequence[int]) -> int:
        if not order_ids:
            return 0
        status = await self.pool.execute(
            """
            UPDATE orders
            SET status = 'expired', updated_at = now()
            WHERE id = ANY($1::bigint[]) AND status = ANY($2::text[])
            """,
            list(order_ids),
            list(OPEN_ORDER_STATUSES),
        )
        return _rows_affected(status)

    async def get_user_order_summary(self, user_id: int) -> dict[str, Any]:
        row = await self.pool.fetchrow(
            """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE status = 'filled') AS filled,
                   count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                   coalesce(sum(filled_quantity * avg_fill_price), 0) AS traded_notional
            FROM orders
            WHERE user_id = $1
            """,
            user_id,
        )
        return dict(row) if row else {"total": 0, "filled": 0, "cancelled": 0, "traded_notional": 0}

    # -------------------------------------------------------------- positions

    async def get_position(self, user_id: int) -> asyncpg.Record | None:
        """Aggregate book for one user: open lines, gross cost and realised P&L."""
        return await self.pool.fetchrow(
            """
            SELECT user_id,
                   count(*) AS open_lines,
                   coalesce(sum(abs(quantity) * avg_price), 0) AS gross_cost,
                   coalesce(sum(realized_pnl), 0) AS realized_pnl
            FROM positions
            WHERE user_id = $1 AND quantity <> 0
            GROUP BY user_id
            """,
            user_id,
        )

    async def list_positions(self, user_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT p.instrument_id, i.symbol, p.quantity, p.avg_price,
                   p.realized_pnl, i.last_price, p.updated_at
            FROM positions p
            JOIN instruments i ON i.id = p.instrument_id
            WHERE p.user_id = $1 AND p.quantity <> 0
            ORDER BY i.symbol
            """,
            user_id,
        )

    async def get_position_for_instrument(
        self, user_id: int, instrument_id: int
    ) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            SELECT instrument_id, quantity, avg_price, realized_pnl, updated_at
            FROM positions
            WHERE user_id = $1 AND instrument_id = $2
            """,
            user_id,
            instrument_id,
        )

    async def apply_fill_to_position(
        self, user_id: int, instrument_id: int, signed_quantity: Decimal, price: Decimal
    ) -> None:
        await self.pool.execute(
            """
            INSERT INTO positions (user_id, instrument_id, quantity, avg_price)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id, instrument_id) DO UPDATE
            SET quantity = positions.quantity + EXCLUDED.quantity,
                updated_at = now()
            """,
            user_id,
            instrument_id,
            signed_quantity,
            price,
        )

    async def close_position(self, user_id: int, instrument_id: int, exit_price: Decimal) -> Decimal:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            async with conn.transaction():
                row = await conn.fetchrow(
                    """
                    SELECT quantity, avg_price
                    FROM positions
                    WHERE user_id = $1 AND instrument_id = $2
                    FOR UPDATE
                    """,
                    user_id,
                    instrument_id,
                )
                if row is None or row["quantity"] == 0:
                    return Decimal("0")
                pnl = (exit_price - row["avg_price"]) * row["quantity"]
                await conn.execute(
                    """
                    UPDATE positions
                    SET quantity = 0, realized_pnl = realized_pnl + $3,
                        updated_at = now()
                    WHERE user_id = $1 AND instrument_id = $2
                    """,
                    user_id,
                    instrument_id,
                    pnl,
                )
        return pnl

    async def get_user_exposure(self, user_id: int) -> Decimal:
        value = await self.pool.fetchval(
            """
            SELECT coalesce(sum(abs(p.quantity) * coalesce(i.last_price, p.avg_price)), 0)
            FROM positions p
            JOIN instruments i ON i.id = p.instrument_id
            WHERE p.user_id = $1
            """,
            user_id,
        )
        return Decimal(value)

    # ----------------------------------------------------------------- alerts

    async def create_alert(
        self, user_id: int, instrument_id: int, direction: str, threshold: Decimal
    ) -> tuple[int, bool]:
        """Create a price alert unless an identical active one already exists."""
        existing = await self.pool.fetchrow("SELECT id FROM alerts WHERE user_id = $1 AND instrument_id = $2 AND direction = $3 AND threshold = $4 AND is_active", user_id, instrument_id, direction, threshold)
        if existing is not None:
            return existing["id"], False
        alert_id = await self.pool.fetchval(
            """
            INSERT INTO alerts (user_id, instrument_id, direction, threshold)
            VALUES ($1, $2, $3, $4)
            RETURNING id
            """,
            user_id,
            instrument_id,
            direction,
            threshold,
        )
        return alert_id, True

    async def list_alerts_for_user(self, user_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT a.id, a.instrument_id, i.symbol, a.direction, a.threshold,
                   a.is_active, a.triggered_at, a.created_at
            FROM alerts a
            JOIN instruments i ON i.id = a.instrument_id
            WHERE a.user_id = $1
            ORDER BY a.created_at DESC
            """,
            user_id,
        )

    async def list_alerts_for_instrument(self, instrument_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch("SELECT id, user_id, direction, threshold FROM alerts WHERE instrument_id = $1 AND is_active", instrument_id)

    async def list_active_alerts(self) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT id, user_id, instrument_id, direction, threshold
            FROM alerts
            WHERE is_active
            """
        )

    async def mark_alerts_triggered(self, alert_ids: Sequence[int]) -> set[int]:
        """Deactivate fired alerts; returns the ids this call actually flipped."""
        if not alert_ids:
            return set()
        rows = await self.pool.fetch(
            """
            UPDATE alerts
            SET is_active = FALSE, triggered_at = now()
            WHERE id = ANY($1::bigint[]) AND is_active
            RETURNING id
            """,
            list(alert_ids),
        )
        return {row["id"] for row in rows}

    async def deactivate_alert(self, alert_id: int, user_id: int) -> bool:
        status = await self.pool.execute(
            "UPDATE alerts SET is_active = FALSE WHERE id = $1 AND user_id = $2",
            alert_id,
            user_id,
        )
        return _rows_affected(status) == 1

    async def archive_old_alerts(self, cutoff: datetime) -> int:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            async with conn.transaction():
                status = await conn.execute(
                    """
                    WITH moved AS (
                        DELETE FROM alerts
                        WHERE is_active = ANY($2::boolean[]) AND created_at < $1
                        RETURNING *
                    )
                    INSERT INTO alerts_archive SELECT * FROM moved
                    """,
                    cutoff,
                    [False],
                )
        moved = _rows_affected(status)
        if moved:
            logger.info("archived %d alerts older than %s", moved, cutoff.isoformat())
        return moved

    # ------------------------------------------------------------------ audit

    async def log_audit(
        self, user_id: int | None, action: str, details: dict[str, Any] | None = None
    ) -> None:
        await self.pool.execute(
            "INSERT INTO audit_log (user_id, action, details) VALUES ($1, $2, $3)",
            user_id,
            action,
            details or {},
        )

    async def list_audit_for_user(self, user_id: int, limit: int = 100) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT id, action, details, created_at
            FROM audit_log
            WHERE user_id = $1
            ORDER BY created_at DESC
            LIMIT $2
            """,
            user_id,
            limit,
        )

    async def export_audit_log(self, since: datetime) -> list[asyncpg.Record]:
        return await self.pool.fetch("SELECT id, user_id, action, details, created_at FROM audit_log WHERE created_at >= $1 ORDER BY created_at", since)
