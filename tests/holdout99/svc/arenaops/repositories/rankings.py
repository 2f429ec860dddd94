from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import asyncpg


class RankingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def teams_in_region(self, region: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch("SELECT id, name, rating FROM teams WHERE region = $1", region)

    async def matches_for_team(self, team_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, team_a_id, team_b_id, winner_id, score_a, score_b FROM matches "
                "WHERE (team_a_id = $1 OR team_b_id = $1) AND finished_at >= $2",
                team_id,
                since,
            )

    async def finished_since(self, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=10) as conn:
            return await conn.fetch(
                "SELECT id, team_a_id, team_b_id, winner_id, score_a, score_b FROM matches "
                "WHERE finished_at >= $1 AND status = 'done'",
                since,
            )

    async def page(self, region: str, after_position: int, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT team_id, points, position FROM team_rankings "
                "WHERE region = $1 AND position > $2 ORDER BY position LIMIT $3",
                region,
                after_position,
                limit,
            )

    async def write_rankings(self, rows: Iterable[tuple[int, str, float, int, datetime]]) -> None:
        conn = await self._pool.acquire(timeout=5)
        await conn.executemany(
            "INSERT INTO team_rankings (team_id, region, points, position, computed_at) "
            "VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (team_id) DO UPDATE SET points = EXCLUDED.points, position = EXCLUDED.position, "
            "computed_at = EXCLUDED.computed_at",
            list(rows),
        )
        await self._pool.release(conn)
