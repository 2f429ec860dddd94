from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from ..db.pg import PgDatabase

_DATASET_SQL = """
SELECT s.subject_number, s.arm, st.site_number, v.visit_code, fs.form_code, fs.version,
       fv.field_code, fv.value, fv.unit
FROM form_submissions fs
JOIN subjects s ON s.id = fs.subject_id
JOIN sites st ON st.id = s.site_id
JOIN visits v ON v.id = fs.visit_id
JOIN field_values fv ON fv.submission_id = fs.id
WHERE fs.study_id = $1 AND fs.form_code = $2 AND fs.status = 'locked'
ORDER BY s.subject_number, v.visit_code, fv.field_code
"""

_AUDIT_EXTRACT_SQL = """
SELECT a.id, a.actor, a.action, a.entity_type, a.entity_id, a.created_at
FROM audit_events a
WHERE a.created_at >= (SELECT min(screened_at) FROM subjects WHERE study_id = $1)
ORDER BY a.id
"""


class ExportRepository:
    def __init__(self, db: PgDatabase, dsn: str) -> None:
        self._db = db
        self._dsn = dsn

    async def dataset_rows(self, study_id: int, form_code: str) -> list[dict[str, Any]]:
        rows = await self._db.fetch(_DATASET_SQL, study_id, form_code)
        return [dict(r) for r in rows]

    async def form_codes(self, study_id: int) -> list[str]:
        rows = await self._db.fetch(
            "SELECT DISTINCT form_code FROM form_submissions WHERE study_id = $1 AND status = 'locked'", study_id
        )
        return [r["form_code"] for r in rows]

    async def stream_audit_extract(self, study_id: int, sink: Callable[[asyncpg.Record], Awaitable[None]]) -> int:
        # Dedicated connection: the cursor can run for minutes on large studies.
        conn = await asyncpg.connect(self._dsn, timeout=10)
        sent = 0
        async with conn.transaction():
            async for record in conn.cursor(_AUDIT_EXTRACT_SQL, study_id, prefetch=500):
                await sink(record)
                sent += 1
        await conn.close()
        return sent
