"""Hand-written SQL for the reporting endpoints; runs against the read replica."""
from __future__ import annotations

from datetime import date, datetime

import asyncpg

EXAM_SUMMARY_SQL = """
SELECT a.exam_id,
       count(*)                                   AS attempts,
       count(*) FILTER (WHERE a.status = 'graded') AS graded,
       avg(g.percentage)                          AS mean_pct,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY g.percentage) AS median_pct
  FROM attempts a
  LEFT JOIN grades g ON g.attempt_id = a.id
 WHERE a.exam_id = $1
 GROUP BY a.exam_id
"""

FLAGS_ON_DAY_SQL = """
SELECT e.kind, e.severity, count(*) AS n
  FROM proctor_events e
 WHERE date(e.created_at) = $1
 GROUP BY e.kind, e.severity
 ORDER BY n DESC
"""

FLAGS_IN_RANGE_SQL = """
SELECT e.session_id, e.kind, e.severity, e.created_at
  FROM proctor_events e
 WHERE e.created_at >= $1 AND e.created_at < $2
 ORDER BY e.created_at
 LIMIT $3
"""

SUBMISSIONS_BETWEEN_SQL = """
SELECT a.id, a.exam_id, a.student_id, a.submitted_at, a.deadline_at
  FROM attempts a
 WHERE a.submitted_at BETWEEN $1 AND $2
 ORDER BY a.submitted_at
"""

LATE_SUBMISSIONS_SQL = """
SELECT a.id, a.student_id, a.submitted_at - a.deadline_at AS overrun
  FROM attempts a
 WHERE a.exam_id = $1 AND a.submitted_at > a.deadline_at
"""


class ReportError(Exception):
    pass


class ReportQueries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def exam_summary(self, exam_id: int) -> dict | None:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(EXAM_SUMMARY_SQL, exam_id)
        return dict(row) if row else None

    async def flags_on_day(self, day: date) -> list[dict]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(FLAGS_ON_DAY_SQL, day)
        return [dict(r) for r in rows]

    async def flags_in_range(self, start: datetime, end: datetime, limit: int = 5000) -> list[dict]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(FLAGS_IN_RANGE_SQL, start, end, limit)
        return [dict(r) for r in rows]

    async def submissions_between(self, start: datetime, end: datetime) -> list[dict]:
        try:
            async with self._pool.acquire() as conn:
                rows = await conn.fetch(SUBMISSIONS_BETWEEN_SQL, start, end)
        except asyncpg.PostgresError as exc:
            raise ReportError("submission report failed")
        return [dict(r) for r in rows]

    async def late_submissions(self, exam_id: int) -> list[dict]:
        try:
            async with self._pool.acquire() as conn:
                rows = await conn.fetch(LATE_SUBMISSIONS_SQL, exam_id)
        except asyncpg.PostgresError as exc:
            raise ReportError(f"late submission report failed for exam {exam_id}") from exc
        return [dict(r) for r in rows]
