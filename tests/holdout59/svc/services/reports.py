from __future__ import annotations

import asyncio
import csv
import io
import logging
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

import asyncpg

from svc.config import settings
from svc.repositories.reports_sql import ReportQueries

logger = logging.getLogger(__name__)

SUMMARY_TEMPLATE = """<html><body>
<h1>Exam {exam_id}</h1>
<p>Attempts: {attempts} &middot; graded: {graded}</p>
<p>Mean: {mean_pct} &middot; median: {median_pct}</p>
</body></html>"""

INTEGRITY_SQL = """
SELECT s.attempt_id, s.risk_score, count(e.id) AS critical_flags
  FROM proctor_sessions s
  JOIN proctor_events e ON e.session_id = s.id AND e.severity = 'critical'
 WHERE s.attempt_id = ANY($1::bigint[])
 GROUP BY s.attempt_id, s.risk_score
"""


def _render_pdf(html: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        out = Path(tmp) / "report.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run([settings.report_pdf_binary, "--quiet", str(src), str(out)], check=True, timeout=60)
        return out.read_bytes()


def _rows_to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue()


class ReportService:
    def __init__(self, queries: ReportQueries) -> None:
        self._queries = queries

    async def exam_summary(self, exam_id: int) -> dict:
        summary = await self._queries.exam_summary(exam_id)
        if summary is None:
            return {"exam_id": exam_id, "attempts": 0, "graded": 0, "mean_pct": None, "median_pct": None}
        return summary

    async def exam_summary_pdf(self, exam_id: int) -> bytes:
        summary = await self.exam_summary(exam_id)
        html = SUMMARY_TEMPLATE.format(**summary)
        return _render_pdf(html)

    async def flags_csv(self, start: datetime, end: datetime) -> str:
        rows = await self._queries.flags_in_range(start, end)
        return await asyncio.to_thread(_rows_to_csv, rows)

    async def flags_on(self, day: date) -> list[dict]:
        return await self._queries.flags_on_day(day)

    async def submissions(self, start: datetime, end: datetime) -> list[dict]:
        return await self._queries.submissions_between(start, end)


async def integrity_report(attempt_ids: list[int]) -> list[dict]:
    """Ad-hoc integrity figures for an academic-misconduct case; run rarely, so no pool."""
    conn = await asyncpg.connect(settings.reports_dsn, timeout=10)
    rows = await conn.fetch(INTEGRITY_SQL, attempt_ids)
    await conn.close()
    return [dict(r) for r in rows]
