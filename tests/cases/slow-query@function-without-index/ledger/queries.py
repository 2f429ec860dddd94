"""Reads over the ledger, used by the daily close and the account pages."""
from datetime import date

import asyncpg


async def day_total(pool: asyncpg.Pool, day: date) -> int:
    async with pool.acquire() as conn:
        return await conn.fetchval(
            "SELECT coalesce(sum(amount_cents), 0) FROM entries "
            "WHERE date_trunc('day', booked_at) = $1::timestamptz",  # expect: slow-query
            day,
        )


async def account_day(pool: asyncpg.Pool, account_id: int, day: date) -> list[asyncpg.Record]:
    async with pool.acquire() as conn:
        return await conn.fetch(
            "SELECT id, amount_cents FROM entries WHERE account_id = $1 AND date(booked_at) = $2",
            account_id, day,
        )


async def currency(pool: asyncpg.Pool, code: str) -> asyncpg.Record | None:
    async with pool.acquire() as conn:
        return await conn.fetchrow("SELECT code, minor_units FROM currencies WHERE lower(name) = $1", code.lower())
