"""Conflict-of-interest lookups against every party the firm has recorded."""
from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from lexdesk.infra.pg import PgGateway

MIN_SIMILARITY = 0.45


class ConflictRepository:
    def __init__(self, pg: PgGateway) -> None:
        self._pg = pg

    async def find_similar_parties(self, firm_id: int, names: Sequence[str]) -> list[asyncpg.Record]:
        async with self._pg.connection() as conn:
            return await conn.fetch(
                """
                SELECT q.name AS query, p.id AS party_id, p.matter_id, p.name, p.normalized_name, p.role,
                       m.client_id, m.number AS matter_number, m.status AS matter_status,
                       similarity(p.normalized_name, q.name) AS score
                FROM unnest($2::text[]) AS q(name)
                JOIN parties p ON p.firm_id = $1
                              AND p.normalized_name % q.name
                JOIN matters m ON m.id = p.matter_id
                WHERE similarity(p.normalized_name, q.name) >= $3
                ORDER BY score DESC
                LIMIT 500
                """,
                firm_id,
                list(names),
                MIN_SIMILARITY,
            )

    async def record_check(
        self, firm_id: int, user_id: int, matter_id: int | None, names: Sequence[str], hits: list[dict]
    ) -> int:
        async with self._pg.connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO conflict_checks (firm_id, requested_by, matter_id, names, hits)
                VALUES ($1, $2, $3, $4::text[], $5::jsonb)
                RETURNING id
                """,
                firm_id,
                user_id,
                matter_id,
                list(names),
                hits,
            )
