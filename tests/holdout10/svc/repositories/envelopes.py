"""Envelope and document queries on the asyncpg pool."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

import asyncpg

from svc.db.session import Database, db
from svc.errors import NotFoundError

_COLUMNS = "id, account_id, status, subject, message, sender_email, external_ref, created_at, sent_at, expires_at, completed_at"

_END_OF_TIME = datetime(9999, 12, 31, tzinfo=timezone.utc)
_MAX_ID = UUID(int=(1 << 128) - 1)


class EnvelopeRepository:
    def __init__(self, database: Database = db) -> None:
        self._db = database

    async def require(self, account_id: UUID, envelope_id: UUID) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM envelopes WHERE id = $1 AND account_id = $2", envelope_id, account_id)
        if row is None:
            raise NotFoundError("envelope not found")
        return row

    async def get_many(self, envelope_ids: list[UUID]) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM envelopes WHERE id = ANY($1::uuid[])", envelope_ids)

    async def find_by_external_ref(self, external_ref: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM envelopes WHERE external_ref = $1", external_ref)

    async def list_page(self, account_id: UUID, before: tuple[datetime, UUID] | None, limit: int) -> list[asyncpg.Record]:
        cursor_at, cursor_id = before or (_END_OF_TIME, _MAX_ID)
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM envelopes WHERE account_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4", account_id, cursor_at, cursor_id, limit)

    async def search(self, account_id: UUID, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM envelopes WHERE account_id = $1 AND subject ILIKE '%' || $2 || '%' ORDER BY created_at DESC LIMIT $3", account_id, term, limit)

    async def mark_sent(self, account_id: UUID, envelope_id: UUID, expires_at: datetime) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "UPDATE envelopes SET status = 'sent', sent_at = now(), expires_at = $3 WHERE id = $1 AND account_id = $2 AND status = 'draft' "
                "RETURNING id, subject, message",
                envelope_id, account_id, expires_at,
            )

    async def mark_expired(self, now: datetime) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("UPDATE envelopes SET status = 'expired' WHERE status = 'sent' AND expires_at < $1 RETURNING id, account_id, subject, sender_email", now)

    async def complete_if_all_signed(self, envelope_id: UUID) -> UUID | None:
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "UPDATE envelopes SET status = 'completed', completed_at = now() WHERE id = $1 AND status = 'sent' "
                "AND NOT EXISTS (SELECT 1 FROM signers WHERE envelope_id = $1 AND status <> 'signed') RETURNING id",
                envelope_id,
            )

    async def document_key(self, envelope_id: UUID, document_id: UUID) -> str | None:
        async with self._db.connection() as conn:
            return await conn.fetchval("SELECT storage_key FROM documents WHERE id = $1 AND envelope_id = $2", document_id, envelope_id)

    async def document_keys(self, envelope_id: UUID) -> list[str]:
        async with self._db.connection() as conn:
            rows = await conn.fetch("SELECT storage_key FROM documents WHERE envelope_id = $1 ORDER BY created_at", envelope_id)
        return [row["storage_key"] for row in rows]
