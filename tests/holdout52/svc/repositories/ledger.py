from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import asyncpg

from ..db.pg import pool


async def post_entry(
    conn: asyncpg.Connection, account_id: int, amount: Decimal, entry_type: str, reference: str
) -> int:
    return await conn.fetchval(
        "INSERT INTO ledger_entries (account_id, amount, entry_type, reference) VALUES ($1, $2, $3, $4) RETURNING id",
        account_id,
        amount,
        entry_type,
        reference,
    )


async def cash_balance(account_id: int) -> Decimal:
    value = await pool().fetchval("SELECT cash_balance FROM accounts WHERE id = $1", account_id)
    return value if value is not None else Decimal("0")


async def cash_balances(account_ids: list[int]) -> dict[int, Decimal]:
    rows = await pool().fetch("SELECT id, cash_balance FROM accounts WHERE id = ANY($1::bigint[])", account_ids)
    return {row["id"]: row["cash_balance"] for row in rows}


async def set_cash_balance(conn: asyncpg.Connection, account_id: int, balance: Decimal) -> None:
    await conn.execute("UPDATE accounts SET cash_balance = $2 WHERE id = $1", account_id, balance)


async def adjust_cash_balance(conn: asyncpg.Connection, account_id: int, delta: Decimal) -> Decimal:
    return await conn.fetchval(
        "UPDATE accounts SET cash_balance = cash_balance + $2 WHERE id = $1 RETURNING cash_balance",
        account_id,
        delta,
    )


async def entries_between(account_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
    return await pool().fetch(
        "SELECT created_at, entry_type, reference, amount FROM ledger_entries "
        "WHERE account_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at",
        account_id,
        start,
        end,
    )


async def entries_on(account_id: int, day: date) -> list[asyncpg.Record]:
    return await pool().fetch(
        "SELECT created_at, entry_type, reference, amount FROM ledger_entries "
        "WHERE account_id = $1 AND created_at::date = $2 ORDER BY created_at",
        account_id,
        day,
    )


async def daily_totals(day: date) -> list[asyncpg.Record]:
    conn = await pool().acquire()
    rows = await conn.fetch(
        "SELECT account_id, sum(amount) AS total FROM ledger_entries "
        "WHERE created_at >= $1::date AND created_at < $1::date + 1 GROUP BY account_id",
        day,
    )
    await pool().release(conn)
    return rows
