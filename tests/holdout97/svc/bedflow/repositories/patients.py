from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(frozen=True)
class PatientRef:
    id: int
    mrn: str
    display_name: str
    isolation_code: str | None


def _row(row: asyncpg.Record) -> PatientRef:
    return PatientRef(row["id"], row["mrn"], row["display_name"], row["isolation_code"])


class PatientRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, patient_id: int) -> PatientRef | None:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                "SELECT id, mrn, display_name, isolation_code FROM patients WHERE id = $1", patient_id
            )
        return _row(row) if row else None

    async def get_many(self, ids: list[int]) -> dict[int, PatientRef]:
        if not ids:
            return {}
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, mrn, display_name, isolation_code FROM patients WHERE id = ANY($1::int[])", ids
            )
        return {r["id"]: _row(r) for r in rows}

    async def upsert_by_mrn(self, mrn: str, name: str, isolation: str | None, admitted_at: datetime | None) -> PatientRef:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                """
                INSERT INTO patients (mrn, display_name, isolation_code, admitted_at)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (mrn) DO UPDATE
                   SET display_name = EXCLUDED.display_name,
                       isolation_code = EXCLUDED.isolation_code,
                       admitted_at = COALESCE(EXCLUDED.admitted_at, patients.admitted_at)
                RETURNING id, mrn, display_name, isolation_code
                """,
                mrn, name, isolation, admitted_at,
            )
        return _row(row)

    async def search(self, text: str, limit: int = 25) -> list[PatientRef]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                "SELECT id, mrn, display_name, isolation_code FROM patients "
                "WHERE display_name ILIKE '%' || $1 || '%' OR mrn ILIKE '%' || $1 || '%' "
                "ORDER BY display_name LIMIT $2",
                text, limit,
            )
        return [_row(r) for r in rows]
