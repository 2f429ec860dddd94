from __future__ import annotations

from arenaplay.db.pg import PgPool


class LeaderboardSnapshotRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def save_snapshot(self, season_id: int, rows: list[tuple[int, int, float]]) -> None:
        async with self._pg.transaction() as conn:
            await conn.executemany(
                """
                INSERT INTO leaderboard_snapshots (season_id, player_id, rank, score)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (season_id, player_id) DO UPDATE SET rank = EXCLUDED.rank, score = EXCLUDED.score
                """,
                [(season_id, pid, rank, score) for pid, rank, score in rows],
            )

    async def page(self, season_id: int, offset: int, limit: int) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT player_id, rank, score FROM leaderboard_snapshots "
                "WHERE season_id = $1 AND rank > $2 ORDER BY rank LIMIT $3",
                season_id, offset, limit,
            )
        return [dict(r) for r in rows]
