from __future__ import annotations

from datetime import datetime

from arenaplay.db.pg import PgPool


class ReportRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def create(self, reporter_id: int, accused_id: int, match_id: str, reason: str, details: str) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO cheat_reports (reporter_id, accused_id, match_id, reason, details) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                reporter_id, accused_id, match_id, reason, details,
            )

    async def count_recent_by_reporter(self, reporter_id: int, since: datetime) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM cheat_reports WHERE reporter_id = $1 AND created_at > $2",
                reporter_id, since,
            )

    async def count_prior_reports(self, accused_id: int) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM cheat_reports WHERE accused_id = $1 AND status = 'upheld'", accused_id
            )

    async def count_prior_many(self, accused_ids: list[int]) -> dict[int, int]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT accused_id, count(*) AS n FROM cheat_reports "
                "WHERE accused_id = ANY($1::bigint[]) AND status = 'upheld' GROUP BY accused_id",
                accused_ids,
            )
        return {r["accused_id"]: r["n"] for r in rows}

    async def list_open(self, limit: int = 100) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, reporter_id, accused_id, match_id, reason, details, created_at FROM cheat_reports "
                "WHERE status = 'open' ORDER BY created_at LIMIT $1",
                limit,
            )
        return [dict(r) for r in rows]

    async def for_match(self, match_id: str) -> list[dict]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch("SELECT id, accused_id, reason FROM cheat_reports WHERE match_id = $1", match_id)
        return [dict(r) for r in rows]

    async def set_verdict(self, report_id: int, verdict: str) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                "UPDATE cheat_reports SET verdict = $2, status = 'closed' WHERE id = $1 AND status = 'open'",
                report_id, verdict,
            )
