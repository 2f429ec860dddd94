from __future__ import annotations

import asyncpg


class DisputeRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def open_for_match(self, match_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, opened_by_team_id, reason, status FROM disputes WHERE match_id = $1 AND status = 'open'",
                match_id,
            )

    async def create(self, match_id: int, team_id: int, reason: str) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO disputes (match_id, opened_by_team_id, reason) VALUES ($1, $2, $3) RETURNING id",
                match_id,
                team_id,
                reason,
            )

    async def evidence(self, dispute_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, object_key, content_type, size_bytes FROM dispute_evidence WHERE dispute_id = $1",
                dispute_id,
            )

    async def add_evidence(self, dispute_id: int, key: str, content_type: str, size: int) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO dispute_evidence (dispute_id, object_key, content_type, size_bytes) "
                "VALUES ($1, $2, $3, $4) RETURNING id",
                dispute_id,
                key,
                content_type,
                size,
            )

    async def queue(self, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, match_id, reason, opened_at FROM disputes WHERE status = 'open' "
                "ORDER BY opened_at LIMIT $1",
                limit,
            )

    async def resolve(self, dispute_id: int, resolution: str) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            async with conn.transaction():
                row = await conn.fetchrow("SELECT status FROM disputes WHERE id = $1 FOR UPDATE", dispute_id)
                if row is None or row["status"] != "open":
                    return False
                await conn.execute(
                    "UPDATE disputes SET status = 'resolved', resolution = $2 WHERE id = $1",
                    dispute_id,
                    resolution,
                )
                return True
