from __future__ import annotations

from typing import Iterable, Optional
from uuid import UUID

import asyncpg


class UserRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, user_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            "SELECT id, org_id, email, name, phone, role, team_ids FROM users WHERE id = $1", user_id
        )

    async def get_by_email(self, email: str) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow("SELECT * FROM users WHERE email = $1", email.lower())

    async def get_many(self, user_ids: Iterable[UUID]) -> list[asyncpg.Record]:
        ids = list(user_ids)
        if not ids:
            return []
        return await self._pool.fetch(
            "SELECT id, org_id, email, name, phone, role FROM users WHERE id = ANY($1::uuid[])", ids
        )

    async def create(self, org_id: UUID, email: str, name: str, password_hash: str, role: str) -> asyncpg.Record:
        return await self._pool.fetchrow(
            """
            INSERT INTO users (org_id, email, name, password_hash, role)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING id, org_id, email, name, role, team_ids
            """,
            org_id,
            email.lower(),
            name,
            password_hash,
            role,
        )

    async def update_password(self, user_id: UUID, password_hash: str) -> None:
        await self._pool.execute("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, password_hash)


class ApiKeyRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def lookup(self, key_hash: str) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            "SELECT id, org_id, kind, region FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
            key_hash,
        )

    async def create(self, org_id: Optional[UUID], key_hash: str, kind: str, region: Optional[str]) -> UUID:
        return await self._pool.fetchval(
            "INSERT INTO api_keys (org_id, key_hash, kind, region) VALUES ($1, $2, $3, $4) RETURNING id",
            org_id,
            key_hash,
            kind,
            region,
        )

    async def revoke(self, key_id: UUID, org_id: UUID) -> bool:
        result = await self._pool.execute(
            "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND org_id = $2 AND revoked_at IS NULL",
            key_id,
            org_id,
        )
        return result.endswith("1")
