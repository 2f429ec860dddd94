"""User lookups over the asyncpg pool."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import asyncpg

from svc.errors import NotFoundError


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    email: str
    display_name: str
    locale: str


class UserRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def get(self, user_id: int) -> UserRow:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(
                "SELECT id, email, display_name, locale FROM users WHERE id = $1", user_id
            )
        if row is None:
            raise NotFoundError("user", user_id)
        return UserRow(**dict(row))

    async def display_name(self, user_id: int) -> str:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            name = await conn.fetchval("SELECT display_name FROM users WHERE id = $1", user_id)
        return name or "Former learner"

    async def many(self, user_ids: Iterable[int]) -> dict[int, UserRow]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT id, email, display_name, locale FROM users WHERE id = ANY($1::bigint[])", ids
            )
        return {r["id"]: UserRow(**dict(r)) for r in rows}

    async def by_email(self, email: str) -> UserRow | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(
                "SELECT id, email, display_name, locale FROM users WHERE email = $1", email
            )
        return UserRow(**dict(row)) if row else None
