"""Historical stats queries. Raw SQL over asyncpg; see migrations/0002_stats.sql."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from svc.config import settings
from svc.db.engine import StatsPool

logger = logging.getLogger(__name__)


class StatsRepository:
    def __init__(self, db: StatsPool) -> None:
        self._db = db

    async def player_recent(self, player_id: int, limit: int = 20) -> list[dict[str, Any]]:
        query = """
            SELECT s.match_id, s.event_type, s.value, s.occurred_at
            FROM player_match_stats s
            WHERE s.player_id = $1
            ORDER BY s.occurred_at DESC
            LIMIT $2
        """
        async with self._db.connection() as conn:
            rows = await conn.fetch(query, player_id, limit)
        return [dict(r) for r in rows]

    async def search_teams(self, term: str, limit: int = 25) -> list[dict[str, Any]]:
        query = """
            SELECT t.id, t.name, t.short_name
            FROM teams t
            WHERE t.name ILIKE '%' || $1 || '%'
            ORDER BY t.name
            LIMIT $2
        """
        async with self._db.connection() as conn:
            rows = await conn.fetch(query, term, limit)
        return [dict(r) for r in rows]

    async def search_players(self, prefix: str, limit: int = 25) -> list[dict[str, Any]]:
        query = """
            SELECT p.id, p.name, p.team_id, p.position
            FROM players p
            WHERE p.name LIKE $1 || '%'
            ORDER BY p.name
            LIMIT $2
        """
        async with self._db.connection() as conn:
            rows = await conn.fetch(query, prefix, limit)
        return [dict(r) for r in rows]

    async def event_counts(self, match_ids: Sequence[int]) -> dict[int, int]:
        query = """
            SELECT e.match_id, count(*) AS n
            FROM match_events e
            WHERE e.match_id = ANY($1::bigint[])
            GROUP BY e.match_id
        """
        async with self._db.connection() as conn:
            rows = await conn.fetch(query, list(match_ids))
        return {r["match_id"]: r["n"] for r in rows}

    async def team_season_rows(self, team_id: int, season_id: int) -> list[dict[str, Any]]:
        query = """
            SELECT s.player_id, s.match_id, s.event_type, s.value
            FROM player_match_stats s
            WHERE s.season_id = $1 AND s.team_id = $2
        """
        async with self._db.connection() as conn:
            rows = await conn.fetch(query, season_id, team_id)
        return [dict(r) for r in rows]

    async def stream_season(self, season_id: int) -> AsyncIterator[dict[str, Any]]:
        """Stream a whole season for CSV export without materialising it."""
        query = """
            SELECT s.player_id, s.match_id, s.team_id, s.event_type, s.value, s.occurred_at
            FROM player_match_stats s
            WHERE s.season_id = $1
            ORDER BY s.match_id
        """
        async with self._db.pool.acquire() as conn:
            async with conn.transaction():
                async for record in conn.cursor(query, season_id, prefetch=500):
                    yield dict(record)

    async def head_to_head(self, team_a: int, team_b: int, since: datetime) -> list[dict[str, Any]]:
        query = """
            SELECT m.id, m.kickoff_at, m.home_team_id, m.away_team_id, m.home_score, m.away_score
            FROM matches m
            WHERE m.kickoff_at >= $3
              AND ((m.home_team_id = $1 AND m.away_team_id = $2)
                OR (m.home_team_id = $2 AND m.away_team_id = $1))
            ORDER BY m.kickoff_at DESC
            LIMIT 50
        """
        pool = self._db.pool
        conn = await pool.acquire(timeout=settings.db_acquire_timeout)
        try:
            rows = await conn.fetch(query, team_a, team_b, since)
        finally:
            await pool.release(conn)
        return [dict(r) for r in rows]

    async def refresh_rollup(self, season_id: int) -> int:
        pool = self._db.pool
        conn = await pool.acquire(timeout=60)
        await conn.execute("DELETE FROM season_team_rollup WHERE season_id = $1", season_id)
        status = await conn.execute(
            """
            INSERT INTO season_team_rollup
                (season_id, team_id, played, won, drawn, lost, goals_for, goals_against, points)
            SELECT $1, t.team_id, count(*),
                   sum((t.gf > t.ga)::int), sum((t.gf = t.ga)::int), sum((t.gf < t.ga)::int),
                   sum(t.gf), sum(t.ga), sum(3 * (t.gf > t.ga)::int + (t.gf = t.ga)::int)
            FROM (
                SELECT home_team_id AS team_id, home_score AS gf, away_score AS ga
                FROM matches WHERE season_id = $1 AND status = 'finished'
                UNION ALL
                SELECT away_team_id, away_score, home_score
                FROM matches WHERE season_id = $1 AND status = 'finished'
            ) t
            GROUP BY t.team_id
            """,
            season_id,
        )
        await pool.release(conn)
        return int(status.split()[-1])

    async def season_table(self, season_id: int) -> list[dict[str, Any]]:
        query = """
            SELECT team_id, played, won, drawn, lost, goals_for, goals_against, points
            FROM season_team_rollup
            WHERE season_id = $1
            ORDER BY points DESC, goals_for - goals_against DESC
        """
        async with self._db.connection() as conn:
            rows = await conn.fetch(query, season_id)
        return [dict(r) for r in rows]
