"""Data access for accounts and invoices."""
from __future__ import annotations

import asyncpg

pool: asyncpg.Pool | None = None


async def due_accounts() -> list[int]:
    assert pool is not None
    rows = await pool.fetch("SELECT id FROM accounts WHERE next_invoice_at <= now() LIMIT 500")
    return [row["id"] for row in rows]


async def issue_invoice(account_id: int) -> None:
    assert pool is not None
    await pool.execute("INSERT INTO invoices (account_id) VALUES ($1) ON CONFLICT DO NOTHING", account_id)


async def account_names(ids: list[int]) -> list[str]:
    assert pool is not None
    rows = await pool.fetch("SELECT name FROM accounts WHERE id = ANY($1::int[])", ids)
    return [row["name"] for row in rows]
