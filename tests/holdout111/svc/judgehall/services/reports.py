from __future__ import annotations

import asyncio
import csv
import json
import os
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from judgehall.settings import Settings
from judgehall.utils.files import write_atomic

ACTIVITY_SQL = text(
    """
    SELECT date_trunc('minute', submitted_at) AS minute, verdict, count(*) AS n
    FROM submissions
    WHERE contest_id = :cid
    GROUP BY 1, 2
    ORDER BY 1
    """
)

LANGUAGE_SQL = text(
    """
    SELECT language, count(*) AS n, count(*) FILTER (WHERE verdict = 'AC') AS accepted
    FROM submissions
    WHERE contest_id = :cid
    GROUP BY language
    ORDER BY n DESC
    """
)


class ReportService:
    """Read-only contest analytics served from the reporting replica."""

    def __init__(self, settings: Settings, replica: AsyncEngine) -> None:
        self.settings = settings
        self.replica = replica

    async def language_breakdown(self, contest_id: int) -> list[dict[str, Any]]:
        async with self.replica.connect() as conn:
            result = await conn.execute(LANGUAGE_SQL, {"cid": contest_id})
            return [dict(row._mapping) for row in result]

    async def activity(self, contest_id: int) -> list[dict[str, Any]]:
        engine = create_async_engine(self.settings.reporting_database_url, pool_size=2)
        async with engine.connect() as conn:
            result = await conn.execute(ACTIVITY_SQL, {"cid": contest_id})
            return [
                {"minute": row.minute.isoformat(), "verdict": row.verdict, "count": row.n} for row in result
            ]


def _dump_json(path: str, records: list[dict[str, Any]]) -> None:
    write_atomic(path, json.dumps(records, default=str).encode())


class ExportService:
    def __init__(self, data_dir: str) -> None:
        self.root = os.path.join(data_dir, "exports")

    async def standings_csv(self, contest_id: int, rows: list[dict[str, Any]], problem_codes: dict[str, str]) -> str:
        path = os.path.join(self.root, f"contest-{contest_id}-standings.csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["rank", "team", "solved", "penalty", *problem_codes.values()])
            for row in rows:
                cells = []
                for pid in problem_codes:
                    cell = row["problems"].get(pid)
                    if cell is None:
                        cells.append("")
                    elif cell["solved"]:
                        cells.append(f"+{cell['attempts'] or ''}")
                    else:
                        cells.append(f"-{cell['attempts']}")
                writer.writerow([row["rank"], row["team"], row["solved"], row["penalty"], *cells])
        return path

    async def submissions_json(self, contest_id: int, records: list[dict[str, Any]]) -> str:
        path = os.path.join(self.root, f"contest-{contest_id}-submissions.json")
        await asyncio.to_thread(_dump_json, path, records)
        return path
