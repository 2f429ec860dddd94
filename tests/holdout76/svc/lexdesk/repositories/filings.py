"""Filing rows, written with raw asyncpg because the poller shares this SQL."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

from lexdesk.infra.pg import PgGateway

FILING_COLUMNS = (
    "id, firm_id, matter_id, document_id, court_code, case_number, filing_type, "
    "provider_ref, status, error, submitted_at, accepted_at"
)


class FilingRepository:
    def __init__(self, pg: PgGateway) -> None:
        self._pg = pg

    async def insert_submission(
        self, *, firm_id: int, matter_id: int, document_id: int, court_code: str,
        case_number: str | None, filing_type: str, idempotency_key: str,
    ) -> int | None:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO filings (firm_id, matter_id, document_id, court_code, case_number,
                                     filing_type, idempotency_key, status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued')
                ON CONFLICT (firm_id, idempotency_key) DO NOTHING
                RETURNING id
                """,
                firm_id, matter_id, document_id, court_code, case_number, filing_type, idempotency_key,
            )

    async def get(self, filing_id: int) -> asyncpg.Record | None:
        async with self._pg.connection() as conn:
            return await conn.fetchrow(f"SELECT {FILING_COLUMNS} FROM filings WHERE id = $1", filing_id)

    async def by_idempotency_key(self, firm_id: int, key: str) -> asyncpg.Record | None:
        async with self._pg.connection() as conn:
            return await conn.fetchrow(
                f"SELECT {FILING_COLUMNS} FROM filings WHERE firm_id = $1 AND idempotency_key = $2",
                firm_id,
                key,
            )

    async def find_by_provider_ref(self, provider_ref: str) -> asyncpg.Record | None:
        async with self._pg.connection() as conn:
            return await conn.fetchrow(
                f"""
                SELECT {FILING_COLUMNS}
                FROM filings
                WHERE provider_ref = $1
                """,
                provider_ref,
            )

    async def list_for_matter(self, matter_id: int) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                f"SELECT {FILING_COLUMNS} FROM filings WHERE matter_id = $1 ORDER BY id DESC LIMIT 200",
                matter_id,
            )

    async def set_status(
        self, filing_id: int, status: str, *, error: str | None = None,
        provider_ref: str | None = None, accepted_at: datetime | None = None,
    ) -> None:
        async with self._pg.connection() as conn:
            await conn.execute(
                """
                UPDATE filings
                SET status = $2,
                    error = $3,
                    provider_ref = coalesce($4, provider_ref),
                    accepted_at = coalesce($5, accepted_at),
                    submitted_at = CASE WHEN $2 = 'submitted' THEN now() ELSE submitted_at END
                WHERE id = $1
                """,
                filing_id, status, error, provider_ref, accepted_at,
            )

    async def transition(self, filing_id: int, expected: Sequence[str], new_status: str, error: str | None = None) -> bool:
        async with self._pg.connection() as conn:
            updated = await conn.fetchval(
                "UPDATE filings SET status = $3, error = $4 WHERE id = $1 AND status = ANY($2::text[]) RETURNING id",
                filing_id, list(expected), new_status, error,
            )
        return updated is not None
