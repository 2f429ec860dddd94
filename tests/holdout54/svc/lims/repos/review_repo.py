"""Pathologist review cases (asyncpg)."""
from __future__ import annotations

from typing import Any

import asyncpg


class CaseAlreadyClaimed(Exception):
    pass


class ReviewRepo:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def open_case(self, sample_id: int, reason: str, priority: int) -> int:
        return await self._conn.fetchval(
            "INSERT INTO review_cases (sample_id, reason, priority) VALUES ($1, $2, $3) RETURNING id",
            sample_id, reason, priority,
        )

    async def pending(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = await self._conn.fetch(
            """
            SELECT id, sample_id, reason, priority, created_at FROM review_cases
            WHERE status = 'pending' ORDER BY priority, created_at LIMIT $1
            """,
            limit,
        )
        return [dict(r) for r in rows]

    async def claim_next(self, user: str) -> dict[str, Any] | None:
        async with self._conn.transaction():
            row = await self._conn.fetchrow(
                """
                SELECT id, sample_id, reason, priority FROM review_cases
                WHERE status = 'pending' ORDER BY priority, created_at
                LIMIT 1 FOR UPDATE SKIP LOCKED
                """
            )
            if row is None:
                return None
            await self._conn.execute(
                "UPDATE review_cases SET status = 'claimed', claimed_by = $2, claimed_at = now() WHERE id = $1",
                row["id"], user,
            )
            return dict(row)

    async def claim(self, case_id: int, user: str) -> dict[str, Any]:
        row = await self._conn.fetchrow(
            "SELECT id, sample_id, status, claimed_by FROM review_cases WHERE id = $1", case_id
        )
        if row is None or row["status"] != "pending":
            raise CaseAlreadyClaimed(case_id)
        await self._conn.execute(
            "UPDATE review_cases SET status = 'claimed', claimed_by = $2, claimed_at = now() WHERE id = $1",
            case_id, user,
        )
        return {**dict(row), "status": "claimed", "claimed_by": user}

    async def release(self, case_id: int, user: str) -> bool:
        result = await self._conn.execute(
            """
            UPDATE review_cases SET status = 'pending', claimed_by = NULL, claimed_at = NULL
            WHERE id = $1 AND claimed_by = $2 AND status = 'claimed'
            """,
            case_id, user,
        )
        return result.endswith(" 1")

    async def close(self, case_id: int, user: str, outcome: str) -> bool:
        result = await self._conn.execute(
            "UPDATE review_cases SET status = $3 WHERE id = $1 AND claimed_by = $2 AND status = 'claimed'",
            case_id, user, outcome,
        )
        return result.endswith(" 1")

    async def depth(self) -> int:
        return await self._conn.fetchval("SELECT count(*) FROM review_cases WHERE status = 'pending'")
