from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg

from ..db.pg import pool


async def due_actions(on: date) -> list[asyncpg.Record]:
    return await pool().fetch(
        "SELECT id, symbol, action_type, ratio_numerator, ratio_denominator, cash_amount FROM corporate_actions "
        "WHERE ex_date = $1 AND processed = false ORDER BY id",
        on,
    )


async def upsert_actions(actions: list[dict[str, Any]]) -> None:
    records = [
        (a["symbol"], a["type"], a.get("num", 1), a.get("den", 1), a.get("cash"), date.fromisoformat(a["exDate"]))
        for a in actions
    ]
    async with pool().acquire(timeout=5) as conn:
        await conn.executemany(
            "INSERT INTO corporate_actions (symbol, action_type, ratio_numerator, ratio_denominator, cash_amount, ex_date) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            records,
        )


async def mark_processed(conn: asyncpg.Connection, action_id: int) -> None:
    await conn.execute("UPDATE corporate_actions SET processed = true WHERE id = $1", action_id)
