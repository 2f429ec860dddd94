"""Signer queries on the asyncpg pool."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg

from svc.db.session import Database, db

_COLUMNS = "id, envelope_id, email, name, phone, delivery, routing_order, status, viewed_at, signed_at, last_reminded_at"


class SignerRepository:
    def __init__(self, database: Database = db) -> None:
        self._db = database

    async def list_for_envelope(self, envelope_id: UUID) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM signers WHERE envelope_id = $1 ORDER BY routing_order, id", envelope_id)

    async def list_for_envelopes(self, envelope_ids: list[UUID]) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM signers WHERE envelope_id = ANY($1::uuid[]) ORDER BY envelope_id, routing_order", envelope_ids)

    async def get_by_token_hash(self, token_hash: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(
                "SELECT s.id, s.envelope_id, s.email, s.name, s.phone, s.status, s.otp_salt, s.otp_hash, e.account_id, e.status AS envelope_status "
                "FROM signers s JOIN envelopes e ON e.id = s.envelope_id WHERE s.access_token_hash = $1",
                token_hash,
            )

    async def find_active_by_phone(self, phone: str) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM signers WHERE phone = $1 AND status IN ('sent', 'viewed')", phone)

    async def find_by_email(self, email: str) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM signers WHERE lower(email) = lower($1) ORDER BY id LIMIT 200", email)

    async def due_for_reminder(self, cutoff: datetime, limit: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(f"SELECT {_COLUMNS} FROM signers WHERE status IN ('sent', 'viewed') AND (last_reminded_at IS NULL OR last_reminded_at < $1) LIMIT $2", cutoff, limit)

    async def set_tokens(self, tokens: list[tuple[UUID, str]]) -> None:
        async with self._db.connection() as conn:
            await conn.executemany("UPDATE signers SET access_token_hash = $2, status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END WHERE id = $1", tokens)

    async def touch_reminded(self, signer_ids: list[UUID]) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE signers SET last_reminded_at = now() WHERE id = ANY($1::uuid[])", signer_ids)
