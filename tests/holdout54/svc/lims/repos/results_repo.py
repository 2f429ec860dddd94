"""Instrument results (asyncpg)."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

import asyncpg

_RESULT_COLUMNS = (
    "id, sample_id, instrument_id, analyte, loinc, value_num, value_text, units, flag, status, "
    "resulted_at, verified_by, verified_at"
)


class ResultsRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def upsert_many(self, rows: Iterable[tuple[Any, ...]]) -> None:
        await self._conn.executemany(
            """
            INSERT INTO results (sample_id, instrument_id, analyte, loinc, value_num, value_text,
                                 units, flag, resulted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (sample_id, analyte, instrument_id) DO UPDATE
              SET value_num = EXCLUDED.value_num, value_text = EXCLUDED.value_text,
                  flag = EXCLUDED.flag, resulted_at = EXCLUDED.resulted_at, status = 'preliminary'
            """,
            list(rows),
        )

    async def upsert_one(self, row: tuple[Any, ...]) -> int:
        return await self._conn.fetchval(
            """
            INSERT INTO results (sample_id, instrument_id, analyte, loinc, value_num, value_text,
                                 units, flag, resulted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (sample_id, analyte, instrument_id) DO UPDATE
              SET value_num = EXCLUDED.value_num, value_text = EXCLUDED.value_text,
                  flag = EXCLUDED.flag, resulted_at = EXCLUDED.resulted_at, status = 'preliminary'
            RETURNING id
            """,
            *row,
        )

    async def fetch_for_sample(self, sample_id: int) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            f"SELECT {_RESULT_COLUMNS} FROM results WHERE sample_id = $1 ORDER BY analyte", sample_id
        )
        return [dict(r) for r in rows]

    async def fetch_for_samples(self, sample_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        rows = await self._conn.fetch(
            f"SELECT {_RESULT_COLUMNS} FROM results WHERE sample_id = ANY($1::bigint[]) ORDER BY sample_id, analyte",
            sample_ids,
        )
        grouped: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            grouped.setdefault(r["sample_id"], []).append(dict(r))
        return grouped

    async def previous_value(self, patient_mrn: str, analyte: str, before: datetime) -> float | None:
        return await self._conn.fetchval(
            """
            SELECT r.value_num FROM results r JOIN samples s ON s.id = r.sample_id
            WHERE s.patient_mrn = $1 AND r.analyte = $2 AND r.resulted_at < $3 AND r.status = 'final'
            ORDER BY r.resulted_at DESC LIMIT 1
            """,
            patient_mrn, analyte, before,
        )

    async def mark_final(self, result_ids: list[int], verified_by: str) -> int:
        status = await self._conn.execute(
            """
            UPDATE results SET status = 'final', verified_by = $2, verified_at = now()
            WHERE id = ANY($1::bigint[]) AND status = 'preliminary'
            """,
            result_ids, verified_by,
        )
        return int(status.split()[-1])

    async def recent_qc(self, instrument_id: str, analyte: str, limit: int = 20) -> list[float]:
        rows = await self._conn.fetch(
            """
            SELECT value_num FROM qc_runs WHERE instrument_id = $1 AND analyte = $2
            ORDER BY run_at DESC LIMIT $3
            """,
            instrument_id, analyte, limit,
        )
        return [r["value_num"] for r in rows]

    async def record_qc(self, instrument_id: str, analyte: str, level: str, value: float, run_at: datetime) -> None:
        await self._conn.execute(
            "INSERT INTO qc_runs (instrument_id, analyte, level, value_num, run_at) VALUES ($1, $2, $3, $4, $5)",
            instrument_id, analyte, level, value, run_at,
        )
