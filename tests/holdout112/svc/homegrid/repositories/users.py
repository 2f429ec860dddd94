from __future__ import annotations

from uuid import UUID

import asyncpg

from homegrid.errors import Conflict
from homegrid.db.pool import Repository


class UserRepository(Repository):
    async def by_email(self, email: str) -> asyncpg.Record | None:
        async with self.db.connection() as conn:
            return await conn.fetchrow(
                "SELECT id, email, password_hash, household_id, role FROM users WHERE email = $1",
                email.lower(),
            )

    async def create(self, email: str, password_hash: str, household_id: UUID | None) -> UUID:
        try:
            async with self.db.connection() as conn:
                return await conn.fetchval(
                    """
                    INSERT INTO users (email, password_hash, household_id) VALUES ($1, $2, $3)
                    RETURNING id
                    """,
                    email.lower(), password_hash, household_id,
                )
        except asyncpg.UniqueViolationError as exc:
            raise Conflict("email already registered") from exc

    async def update_password(self, user_id: UUID, password_hash: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, password_hash)


class ApiKeyRepository(Repository):
    async def by_hash(self, key_hash: str) -> asyncpg.Record | None:
        async with self.db.connection() as conn:
            return await conn.fetchrow(
                "SELECT id, name, scopes FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
                key_hash,
            )

    async def create(self, name: str, key_hash: str, scopes: list[str]) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "INSERT INTO api_keys (name, key_hash, scopes) VALUES ($1, $2, $3)", name, key_hash, scopes
            )
