from __future__ import annotations

from decimal import Decimal
from typing import Any

import asyncpg

from ..db.pg import pool

UPSERT_POSITION = """
INSERT INTO positions (account_id, symbol, quantity, average_cost, updated_at)
VALUES ($1, $2, $3, $4, now())
ON CONFLICT (account_id, symbol) DO UPDATE
SET average_cost = CASE
        WHEN positions.quantity + EXCLUDED.quantity = 0 THEN 0
        WHEN EXCLUDED.quantity > 0 THEN
            (positions.average_cost * positions.quantity + EXCLUDED.average_cost * EXCLUDED.quantity)
            / (positions.quantity + EXCLUDED.quantity)
        ELSE positions.average_cost
    END,
    quantity = positions.quantity + EXCLUDED.quantity,
    updated_at = now()
RETURNING quantity, average_cost
"""


async def get_position(account_id: int, symbol: str) -> asyncpg.Record | None:
    return await pool().fetchrow(
        "SELECT account_id, symbol, quantity, average_cost FROM positions WHERE account_id = $1 AND symbol = $2",
        account_id,
        symbol,
    )


async def positions_for_account(account_id: int) -> list[asyncpg.Record]:
    return await pool().fetch(
        "SELECT symbol, quantity, average_cost FROM positions WHERE account_id = $1 AND quantity <> 0 ORDER BY symbol",
        account_id,
    )


async def positions_for_accounts(account_ids: list[int]) -> dict[int, list[asyncpg.Record]]:
    rows = await pool().fetch(
        "SELECT account_id, symbol, quantity, average_cost FROM positions "
        "WHERE account_id = ANY($1::bigint[]) AND quantity <> 0",
        account_ids,
    )
    grouped: dict[int, list[asyncpg.Record]] = {account_id: [] for account_id in account_ids}
    for row in rows:
        grouped[row["account_id"]].append(row)
    return grouped


async def holders_of(symbol: str) -> list[asyncpg.Record]:
    return await pool().fetch(
        "SELECT account_id, quantity, average_cost FROM positions WHERE symbol = $1 AND quantity <> 0",
        symbol,
    )


async def apply_delta(
    conn: asyncpg.Connection, account_id: int, symbol: str, quantity: int, price: Decimal
) -> dict[str, Any]:
    row = await conn.fetchrow(UPSERT_POSITION, account_id, symbol, quantity, price)
    return dict(row)


async def rescale(conn: asyncpg.Connection, account_id: int, symbol: str, num: int, den: int) -> None:
    await conn.execute(
        "UPDATE positions SET quantity = quantity * $3 / $4, average_cost = round(average_cost * $4 / $3, 6), "
        "updated_at = now() WHERE account_id = $1 AND symbol = $2",
        account_id,
        symbol,
        num,
        den,
    )
