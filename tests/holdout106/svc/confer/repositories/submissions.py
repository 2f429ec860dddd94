from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import asyncpg


class SubmissionRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def create(self, track_id: int, submitter_id: int, title: str, abstract: str) -> asyncpg.Record:
        async with self.pool.acquire() as conn:
            return await conn.fetchrow(
                """
                INSERT INTO submissions (track_id, number, title, abstract, status, submitter_id)
                VALUES ($1,
                        (SELECT coalesce(max(number), 0) + 1 FROM submissions WHERE track_id = $1),
                        $2, $3, 'draft', $4)
                RETURNING *
                """,
                track_id, title, abstract, submitter_id,
            )

    async def get(self, submission_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow("SELECT * FROM submissions WHERE id = $1", submission_id)

    async def get_many(self, ids: list[int]) -> list[asyncpg.Record]:
        return await self.pool.fetch("SELECT * FROM submissions WHERE id = ANY($1::int[])", ids)

    async def list_for_track(self, track_id: int, status: str = "submitted") -> list[asyncpg.Record]:
        return await self.pool.fetch(
            "SELECT * FROM submissions WHERE track_id = $1 AND status = $2 ORDER BY number",
            track_id, status,
        )

    async def count_submitted(self, track_id: int) -> int:
        return await self.pool.fetchval(
            "SELECT count(*) FROM submissions WHERE track_id = $1 AND status = 'submitted'", track_id
        )

    async def submitted_on(self, day: date) -> list[asyncpg.Record]:
        start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        return await self.pool.fetch(
            "SELECT id, title, track_id FROM submissions WHERE submitted_at >= $1 AND submitted_at < $2",
            start, start + timedelta(days=1),
        )

    async def find_by_plagiarism_job(self, job_id: str) -> asyncpg.Record | None:
        return await self.pool.fetchrow("SELECT * FROM submissions WHERE plagiarism_job_id = $1", job_id)

    async def set_pdf(self, submission_id: int, key: str, sha256: str) -> None:
        await self.pool.execute(
            "UPDATE submissions SET pdf_key = $2, pdf_sha256 = $3, status = 'submitted', submitted_at = now() WHERE id = $1",
            submission_id, key, sha256,
        )

    async def set_plagiarism_job(self, submission_id: int, job_id: str) -> None:
        await self.pool.execute(
            "UPDATE submissions SET plagiarism_job_id = $2, status = 'checking' WHERE id = $1",
            submission_id, job_id,
        )

    async def set_similarity(self, submission_id: int, similarity: float) -> None:
        await self.pool.execute(
            "UPDATE submissions SET similarity = $2, status = 'submitted' WHERE id = $1",
            submission_id, similarity,
        )

    async def set_camera_ready(self, submission_id: int, key: str) -> None:
        await self.pool.execute("UPDATE submissions SET camera_ready_key = $2 WHERE id = $1", submission_id, key)

    async def camera_ready_for(self, submission_id: int) -> str | None:
        return await self.pool.fetchval("SELECT camera_ready_key FROM submissions WHERE id = $1", submission_id)

    async def set_decisions(self, decisions: list[tuple[int, str]]) -> None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                await conn.executemany("UPDATE submissions SET decision = $2 WHERE id = $1", decisions)

    async def accepted_for_conference(self, conference_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT s.* FROM submissions s JOIN tracks t ON t.id = s.track_id
            WHERE t.conference_id = $1 AND s.decision = 'accept'
            ORDER BY t.name, s.number
            """,
            conference_id,
        )
