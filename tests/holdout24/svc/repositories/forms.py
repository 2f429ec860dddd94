"""Case report form definitions, versioned submissions and the data queries raised on them."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg


class FormRepository:
    async def get_definition(self, conn: asyncpg.Connection, definition_id: int) -> asyncpg.Record | None:
        return await conn.fetchrow(
            "SELECT id, study_id, form_code, version, schema FROM form_definitions WHERE id = $1", definition_id
        )

    async def create_submission(
        self, conn: asyncpg.Connection, participant_id: int, definition_id: int, payload: dict[str, Any], actor_id: str
    ) -> int:
        return await conn.fetchval(
            "INSERT INTO form_submissions (participant_id, form_definition_id, payload, status, submitted_by)"
            " VALUES ($1, $2, $3, 'submitted', $4) RETURNING id",
            participant_id, definition_id, payload, actor_id,
        )

    async def get_submission(self, conn: asyncpg.Connection, submission_id: int) -> asyncpg.Record | None:
        return await conn.fetchrow(
            "SELECT id, participant_id, form_definition_id, version, payload, status, submitted_by, updated_at"
            " FROM form_submissions WHERE id = $1",
            submission_id,
        )

    async def current_version(self, conn: asyncpg.Connection, submission_id: int) -> int | None:
        return await conn.fetchval("SELECT version FROM form_submissions WHERE id = $1", submission_id)

    async def write_version(
        self, conn: asyncpg.Connection, submission_id: int, version: int, payload: dict[str, Any], actor_id: str
    ) -> None:
        await conn.execute(
            "UPDATE form_submissions SET version = $2, payload = $3, submitted_by = $4, updated_at = now() WHERE id = $1",
            submission_id, version, payload, actor_id,
        )

    async def amend(
        self, conn: asyncpg.Connection, submission_id: int, expected_version: int, payload: dict[str, Any], actor_id: str
    ) -> int | None:
        return await conn.fetchval(
            "UPDATE form_submissions SET version = version + 1, payload = $3, submitted_by = $4, updated_at = now() WHERE id = $1 AND version = $2 RETURNING version",
            submission_id, expected_version, payload, actor_id,
        )

    async def latest_for_participant(self, conn: asyncpg.Connection, participant_id: int) -> list[asyncpg.Record]:
        return await conn.fetch(
            "SELECT DISTINCT ON (form_definition_id) id, form_definition_id, version, payload, status FROM form_submissions WHERE participant_id = $1 ORDER BY form_definition_id, version DESC",
            participant_id,
        )

    async def latest_for_participants(self, conn: asyncpg.Connection, participant_ids: list[int]) -> list[asyncpg.Record]:
        return await conn.fetch(
            "SELECT DISTINCT ON (participant_id, form_definition_id) id, participant_id, form_definition_id, version, payload, status"
            " FROM form_submissions WHERE participant_id = ANY($1::bigint[])"
            " ORDER BY participant_id, form_definition_id, version DESC",
            participant_ids,
        )


class QueryRepository:
    async def raise_query(
        self, conn: asyncpg.Connection, submission_id: int, site_id: int, field_path: str, raised_by: str, assigned_to: str | None
    ) -> int:
        return await conn.fetchval(
            "INSERT INTO data_queries (submission_id, site_id, field_path, status, raised_by, assigned_to)"
            " VALUES ($1, $2, $3, 'open', $4, $5) RETURNING id",
            submission_id, site_id, field_path, raised_by, assigned_to,
        )

    async def count_open_for_site(self, conn: asyncpg.Connection, site_id: int) -> int:
        return await conn.fetchval("SELECT count(*) FROM data_queries WHERE site_id = $1 AND status = 'open'", site_id)

    async def open_counts_by_site(self, conn: asyncpg.Connection, site_ids: list[int]) -> dict[int, int]:
        rows = await conn.fetch(
            "SELECT site_id, count(*) AS n FROM data_queries WHERE site_id = ANY($1::int[]) AND status = 'open' GROUP BY site_id",
            site_ids,
        )
        return {r["site_id"]: r["n"] for r in rows}

    async def for_assignee(self, conn: asyncpg.Connection, user_id: str, limit: int = 100) -> list[asyncpg.Record]:
        return await conn.fetch(
            "SELECT id, submission_id, field_path, raised_at FROM data_queries WHERE assigned_to = $1 ORDER BY raised_at LIMIT $2",
            user_id, limit,
        )

    async def resolve(self, conn: asyncpg.Connection, query_id: int, actor_id: str) -> asyncpg.Record | None:
        return await conn.fetchrow(
            "UPDATE data_queries SET status = 'resolved', resolved_at = now() WHERE id = $1 AND status = 'open' RETURNING id, submission_id, site_id",
            query_id,
        )

    async def overdue(self, conn: asyncpg.Connection, older_than: datetime, limit: int) -> list[asyncpg.Record]:
        return await conn.fetch(
            "SELECT id, site_id, assigned_to FROM data_queries WHERE status = 'open' AND raised_at < $1 ORDER BY raised_at LIMIT $2",
            older_than, limit,
        )
