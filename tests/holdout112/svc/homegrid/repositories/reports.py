from __future__ import annotations

from datetime import datetime
from uuid import UUID

from fastapi import HTTPException

from homegrid.models import Report
from homegrid.db.pool import Repository

_R = "id, household_id, period, status, storage_key, created_at, completed_at"


class ReportRepository(Repository):
    async def create(self, household_id: UUID, period: str, requested_by: UUID | None) -> Report:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"""
                INSERT INTO reports (household_id, period, requested_by)
                VALUES ($1, $2, $3) RETURNING {_R}
                """,
                household_id, period, requested_by,
            )
        return Report(**dict(row))

    async def get_for_household(self, household_id: UUID, report_id: UUID) -> Report:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_R} FROM reports WHERE id = $1 AND household_id = $2", report_id, household_id
            )
        if row is None:
            raise HTTPException(status_code=404, detail="report not found")
        return Report(**dict(row))

    async def list_for_household(self, household_id: UUID, limit: int = 24) -> list[Report]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"""
                SELECT {_R} FROM reports WHERE household_id = $1
                ORDER BY period DESC LIMIT $2
                """,
                household_id, limit,
            )
        return [Report(**dict(r)) for r in rows]

    async def pending(self, limit: int) -> list[Report]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"""
                SELECT {_R} FROM reports WHERE status = 'pending'
                ORDER BY created_at LIMIT $1
                """,
                limit,
            )
        return [Report(**dict(r)) for r in rows]

    async def complete(self, report_id: UUID, storage_key: str, at: datetime) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                """
                UPDATE reports SET status = 'ready', storage_key = $2, completed_at = $3
                WHERE id = $1
                """,
                report_id, storage_key, at,
            )

    async def fail(self, report_id: UUID) -> None:
        async with self.db.connection() as conn:
            await conn.execute("UPDATE reports SET status = 'failed' WHERE id = $1", report_id)
