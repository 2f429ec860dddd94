from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg

ACQUIRE_TIMEOUT_S = 3.0


class SettlementRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def pending_results(self, limit: int = 50) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            rows = await conn.fetch(
                "SELECT event_id, payload FROM event_results WHERE NOT processed ORDER BY received_at LIMIT $1",
                limit,
            )
        return [{"event_id": r["event_id"], "payload": json.loads(r["payload"])} for r in rows]

    async def open_bets_for_selections(self, selection_ids: list[int]) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch(
                """
                SELECT DISTINCT b.id, b.user_id, b.stake, b.odds, b.free_bet_id
                  FROM bets b
                  JOIN bet_legs l ON l.bet_id = b.id
                 WHERE l.selection_id = ANY($1::bigint[]) AND l.status = 'open'
                """,
                selection_ids,
            )

    async def legs_for_bet(self, bet_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            return await conn.fetch("SELECT selection_id, odds, status, result FROM bet_legs WHERE bet_id = $1", bet_id)

    async def legs_for_bets(self, bet_ids: list[int]) -> dict[int, list[asyncpg.Record]]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            rows = await conn.fetch(
                "SELECT bet_id, selection_id, odds, status, result FROM bet_legs WHERE bet_id = ANY($1::bigint[])",
                bet_ids,
            )
        grouped: dict[int, list[asyncpg.Record]] = {}
        for r in rows:
            grouped.setdefault(r["bet_id"], []).append(r)
        return grouped

    async def mark_settled(self, bet_id: int, outcome: str, payout: Decimal) -> bool:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            async with conn.transaction():
                inserted = await conn.fetchval(
                    "INSERT INTO settlement_ledger (bet_id, outcome, payout) VALUES ($1, $2, $3) "
                    "ON CONFLICT (bet_id) DO NOTHING RETURNING id",
                    bet_id, outcome, payout,
                )
                if inserted is None:
                    return False
                await conn.execute(
                    "UPDATE bets SET status = $2, settled_at = now() WHERE id = $1 AND status = 'open'",
                    bet_id, outcome,
                )
                await conn.execute("UPDATE bet_legs SET status = 'settled' WHERE bet_id = $1", bet_id)
        return True

    async def mark_result_processed(self, event_id: int) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as conn:
            await conn.execute("UPDATE event_results SET processed = true WHERE event_id = $1", event_id)

    async def ledger_totals(self, day: date) -> dict[str, Decimal]:
        conn = await self._pool.acquire(timeout=ACQUIRE_TIMEOUT_S)
        rows = await conn.fetch(
            "SELECT outcome, sum(payout) AS total FROM settlement_ledger "
            "WHERE settled_at >= $1::date AND settled_at < $1::date + 1 GROUP BY outcome",
            day,
        )
        await self._pool.release(conn)
        return {r["outcome"]: r["total"] for r in rows}
