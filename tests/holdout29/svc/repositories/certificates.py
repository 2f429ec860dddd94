"""Certificate records."""

from __future__ import annotations

import asyncpg


class CertificateRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def for_enrolment(self, enrolment_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT id, enrolment_id, verification_code, pdf_key, issued_at FROM certificates WHERE enrolment_id = $1",
                enrolment_id,
            )

    async def by_code(self, code: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT c.id, c.issued_at, e.user_id, e.course_id FROM certificates c "
                "JOIN enrolments e ON e.id = c.enrolment_id WHERE c.verification_code = $1",
                code,
            )

    async def insert(self, enrolment_id: int, code: str, pdf_key: str) -> int | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                """
                INSERT INTO certificates (enrolment_id, verification_code, pdf_key, issued_at)
                VALUES ($1, $2, $3, now())
                ON CONFLICT (enrolment_id) DO NOTHING
                RETURNING id
                """,
                enrolment_id,
                code,
                pdf_key,
            )

    async def replace_pdf(self, certificate_id: int, pdf_key: str) -> None:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        await conn.execute(
            "UPDATE certificates SET pdf_key = $2, issued_at = now() WHERE id = $1",
            certificate_id,
            pdf_key,
        )
        await self._pool.release(conn)

    async def get(self, certificate_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT c.id, c.enrolment_id, c.verification_code, e.user_id, e.course_id "
                "FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id WHERE c.id = $1",
                certificate_id,
            )
