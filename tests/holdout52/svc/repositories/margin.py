from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..db.pg import pool


async def open_call_for(account_id: int) -> int | None:
    return await pool().fetchval(
        "SELECT id FROM margin_calls WHERE account_id = $1 AND status = 'open' LIMIT 1", account_id
    )


async def open_calls_for(account_ids: list[int]) -> set[int]:
    rows = await pool().fetch(
        "SELECT DISTINCT account_id FROM margin_calls WHERE account_id = ANY($1::bigint[]) AND status = 'open'",
        account_ids,
    )
    return {row["account_id"] for row in rows}


async def create_call(account_id: int, deficit: Decimal, issued_on: date) -> int:
    return await pool().fetchval(
        "INSERT INTO margin_calls (account_id, deficit, status, issued_on) VALUES ($1, $2, 'open', $3) RETURNING id",
        account_id,
        deficit,
        issued_on,
    )


async def resolve_call(call_id: int) -> None:
    await pool().execute("UPDATE margin_calls SET status = 'resolved' WHERE id = $1", call_id)
