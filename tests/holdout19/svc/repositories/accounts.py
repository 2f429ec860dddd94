from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID, uuid4

import asyncpg

from svc.repositories import PgRepository


class UserRepository(PgRepository):
    async def create(self, *, email: str, handle: str, display_name: str, phone: str | None) -> UUID | None:
        row = await self.fetch_one(
            """
            INSERT INTO users (id, email, handle, display_name, phone, kyc_status, created_at)
            VALUES ($1, $2, $3, $4, $5, 'pending', now())
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            uuid4(),
            email,
            handle,
            display_name,
            phone,
        )
        return row["id"] if row else None

    async def get(self, user_id: UUID) -> asyncpg.Record | None:
        return await self.fetch_one(
            "SELECT id, email, handle, display_name, kyc_status, pin_hash, pin_salt FROM users WHERE id = $1",
            user_id,
        )

    async def by_handle(self, handle: str) -> asyncpg.Record | None:
        return await self.fetch_one("SELECT id, handle, display_name, kyc_status FROM users WHERE handle = $1", handle)

    async def get_public_profile(self, user_id: UUID) -> asyncpg.Record | None:
        return await self.fetch_one("SELECT id, handle, display_name FROM users WHERE id = $1", user_id)

    async def get_public_profiles(self, user_ids: Sequence[UUID]) -> dict[UUID, asyncpg.Record]:
        rows = await self.fetch_all(
            "SELECT id, handle, display_name FROM users WHERE id = ANY($1::uuid[])",
            list(user_ids),
        )
        return {row["id"]: row for row in rows}

    async def search(self, term: str, limit: int = 20) -> list[asyncpg.Record]:
        return await self.fetch_all(
            "SELECT id, handle, display_name FROM users WHERE display_name ILIKE '%' || $1 || '%' LIMIT $2", term, limit
        )

    async def push_token(self, user_id: UUID) -> str | None:
        row = await self.fetch_one("SELECT push_token FROM users WHERE id = $1", user_id)
        return row["push_token"] if row else None

    async def set_pin(self, user_id: UUID, pin_hash: bytes, salt: bytes) -> None:
        await self.execute("UPDATE users SET pin_hash = $2, pin_salt = $3 WHERE id = $1", user_id, pin_hash, salt)

    async def set_kyc_status(self, user_id: UUID, status: str) -> None:
        await self.execute("UPDATE users SET kyc_status = $2 WHERE id = $1", user_id, status)


class WalletRepository(PgRepository):
    _COLUMNS = "id, user_id, currency, balance_minor"

    async def get(self, wallet_id: UUID) -> asyncpg.Record | None:
        return await self.fetch_one(f"SELECT {self._COLUMNS} FROM wallets WHERE id = $1", wallet_id)

    async def get_for_user(self, user_id: UUID, currency: str) -> asyncpg.Record | None:
        return await self.fetch_one(
            f"SELECT {self._COLUMNS} FROM wallets WHERE user_id = $1 AND currency = $2", user_id, currency
        )

    async def list_for_user(self, user_id: UUID) -> list[asyncpg.Record]:
        return await self.fetch_all(f"SELECT {self._COLUMNS} FROM wallets WHERE user_id = $1 ORDER BY currency", user_id)

    async def ensure(self, user_id: UUID, currency: str) -> None:
        await self.execute(
            "INSERT INTO wallets (id, user_id, currency, balance_minor) VALUES ($1, $2, $3, 0) "
            "ON CONFLICT (user_id, currency) DO NOTHING",
            uuid4(),
            user_id,
            currency,
        )

    async def set_balance(self, wallet_id: UUID, balance_minor: int) -> None:
        await self.execute("UPDATE wallets SET balance_minor = $2 WHERE id = $1", wallet_id, balance_minor)

    @staticmethod
    async def lock_pair(conn: asyncpg.Connection, first: UUID, second: UUID) -> None:
        """Row-lock both wallets in primary-key order inside the caller's transaction."""
        await conn.fetch("SELECT id FROM wallets WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE", [first, second])

    @staticmethod
    async def debit(conn: asyncpg.Connection, wallet_id: UUID, amount_minor: int) -> int | None:
        return await conn.fetchval(
            "UPDATE wallets SET balance_minor = balance_minor - $2 "
            "WHERE id = $1 AND balance_minor >= $2 RETURNING balance_minor",
            wallet_id,
            amount_minor,
        )

    @staticmethod
    async def credit(conn: asyncpg.Connection, wallet_id: UUID, amount_minor: int) -> None:
        await conn.execute("UPDATE wallets SET balance_minor = balance_minor + $2 WHERE id = $1", wallet_id, amount_minor)
