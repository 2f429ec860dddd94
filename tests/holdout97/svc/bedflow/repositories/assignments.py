from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(frozen=True)
class Hold:
    id: int
    bed_id: int
    request_id: int
    hold_expires_at: datetime


class AssignmentRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_hold(self, conn: asyncpg.Connection, bed_id: int, request_id: int, expires_at: datetime) -> Hold:
        row = await conn.fetchrow(
            "INSERT INTO bed_assignments (bed_id, request_id, hold_expires_at) VALUES ($1, $2, $3) "
            "RETURNING id, bed_id, request_id, hold_expires_at",
            bed_id, request_id, expires_at,
        )
        return Hold(row["id"], row["bed_id"], row["request_id"], row["hold_expires_at"])

    async def claim_expired(self, now: datetime, batch: int = 50) -> list[Hold]:
        """Release expired holds; rows locked by another replica are skipped, not waited on."""
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                rows = await conn.fetch(
                    """
                    SELECT id, bed_id, request_id, hold_expires_at
                      FROM bed_assignments
                     WHERE released_at IS NULL AND hold_expires_at <= $1
                     ORDER BY hold_expires_at
                     LIMIT $2
                     FOR UPDATE SKIP LOCKED
                    """,
                    now, batch,
                )
                if rows:
                    await conn.execute(
                        "UPDATE bed_assignments SET released_at = $1 WHERE id = ANY($2::int[])",
                        now, [r["id"] for r in rows],
                    )
        return [Hold(r["id"], r["bed_id"], r["request_id"], r["hold_expires_at"]) for r in rows]

    async def active_holds(self, ward_id: int) -> list[Hold]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                """
                SELECT a.id, a.bed_id, a.request_id, a.hold_expires_at
                  FROM bed_assignments a JOIN beds b ON b.id = a.bed_id
                 WHERE b.ward_id = $1 AND a.released_at IS NULL
                """,
                ward_id,
            )
        return [Hold(r["id"], r["bed_id"], r["request_id"], r["hold_expires_at"]) for r in rows]

    async def release_for_bed(self, conn: asyncpg.Connection, bed_id: int, when: datetime) -> None:
        await conn.execute(
            "UPDATE bed_assignments SET released_at = $2 WHERE bed_id = $1 AND released_at IS NULL", bed_id, when
        )
