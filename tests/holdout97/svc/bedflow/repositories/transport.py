from __future__ import annotations

import asyncpg


class TransportRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, patient_id: int, from_location: str, to_bed_id: int) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO transport_requests (patient_id, from_location, to_bed_id) VALUES ($1, $2, $3) RETURNING id",
                patient_id, from_location, to_bed_id,
            )

    async def claim(self, request_id: int, porter_id: str) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            claimed = await conn.fetchval(
                "UPDATE transport_requests SET porter_id = $2, status = 'claimed' "
                "WHERE id = $1 AND porter_id IS NULL RETURNING id",
                request_id, porter_id,
            )
        return claimed is not None

    async def set_vendor_job(self, request_id: int, job_id: str) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE transport_requests SET vendor_job_id = $2 WHERE id = $1", request_id, job_id)

    async def list_active(self) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, patient_id, from_location, to_bed_id, status, porter_id, vendor_job_id "
                "FROM transport_requests WHERE status IN ('requested', 'claimed', 'en_route') ORDER BY id"
            )

    async def get(self, request_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow("SELECT * FROM transport_requests WHERE id = $1", request_id)
