from __future__ import annotations

from decimal import Decimal
from typing import Any

import asyncpg

ACQUIRE_TIMEOUT_S = 2.0


class OddsRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record_prices(self, updates: list[dict[str, Any]]) -> None:
        rows = [(u["selection_id"], u["provider"], Decimal(u["price"])) for u in updates]
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            async with conn.transaction():
                await conn.executemany(
                    "INSERT INTO odds_history (selection_id, provider, price) VALUES ($1, $2, $3)", rows
                )
                await conn.executemany(
                    "UPDATE selections SET price = $3, updated_at = now() WHERE id = $1 AND $2 <> ''",
                    rows,
                )

    async def prices_for(self, selection_ids: list[int]) -> dict[int, Decimal]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            rows = await conn.fetch(
                "SELECT id, price FROM selections WHERE id = ANY($1::bigint[]) AND status = 'open'",
                selection_ids,
            )
        return {r["id"]: r["price"] for r in rows}

    async def price_for(self, selection_id: int) -> Decimal | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetchval(
                "SELECT price FROM selections WHERE id = $1 AND status = 'open'", selection_id
            )

    async def selections_for_event(self, event_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, market, name, price, status FROM selections WHERE event_id = $1 ORDER BY market, id",
                event_id,
            )

    async def price_history(self, selection_id: int, limit: int = 200) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                "SELECT price, provider, ts FROM odds_history WHERE selection_id = $1 ORDER BY ts DESC LIMIT $2",
                selection_id,
                limit,
            )

    async def search_events(self, text: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                "SELECT id, name, sport, starts_at FROM events "
                "WHERE lower(name) LIKE '%' || lower($1) || '%' ORDER BY starts_at LIMIT $2",
                text,
                limit,
            )

    async def suspend_event(self, event_id: int) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            status = await conn.execute("UPDATE selections SET status = 'suspended' WHERE event_id = $1", event_id)
        return int(status.split()[-1])
