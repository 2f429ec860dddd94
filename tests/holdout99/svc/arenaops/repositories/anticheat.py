from __future__ import annotations

import json
from datetime import datetime

import asyncpg


class AntiCheatRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, vendor_ref: str, player_id: int, match_id: int | None, severity: int,
                     payload: dict, created_at: datetime) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            status = await conn.execute(
                "INSERT INTO anticheat_reports (vendor_ref, player_id, match_id, severity, payload, created_at) "
                "VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (vendor_ref) DO NOTHING",
                vendor_ref, player_id, match_id, severity, json.dumps(payload), created_at,
            )
            return status.endswith(" 1")

    async def player_ids_by_puuid(self, puuids: list[str]) -> dict[str, int]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT id, puuid FROM players WHERE puuid = ANY($1::text[])", puuids)
        return {r["puuid"]: r["id"] for r in rows}

    async def recent_for_player(self, player_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT vendor_ref, severity, verdict, created_at FROM anticheat_reports "
                "WHERE player_id = $1 AND created_at >= $2 ORDER BY created_at DESC",
                player_id,
                since,
            )
