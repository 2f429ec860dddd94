from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

import asyncpg

from svc.repositories import PgRepository


@dataclass(frozen=True, slots=True)
class PostingRow:
    wallet_id: UUID
    amount_minor: int
    currency: str


class TransferRepository(PgRepository):
    @staticmethod
    async def insert(
        conn: asyncpg.Connection,
        *,
        sender_wallet_id: UUID,
        recipient_wallet_id: UUID,
        amount_minor: int,
        currency: str,
        idempotency_key: str,
        memo: str | None,
        external_ref: str | None = None,
    ) -> UUID:
        return await conn.fetchval(
            """
            INSERT INTO transfers (id, sender_wallet_id, recipient_wallet_id, amount_minor, currency,
                                   status, idempotency_key, external_ref, memo, created_at)
            VALUES ($1, $2, $3, $4, $5, 'completed', $6, $7, $8, now())
            RETURNING id
            """,
            uuid4(),
            sender_wallet_id,
            recipient_wallet_id,
            amount_minor,
            currency,
            idempotency_key,
            external_ref,
            memo,
        )

    async def get_by_idempotency_key(self, key: str) -> asyncpg.Record | None:
        return await self.fetch_one(
            "SELECT id, amount_minor, currency, status, created_at FROM transfers WHERE idempotency_key = $1", key
        )

    async def find_by_external_ref(self, external_ref: str) -> asyncpg.Record | None:
        return await self.fetch_one("SELECT id, status, amount_minor FROM transfers WHERE external_ref = $1", external_ref)

    async def mark_status(self, transfer_id: UUID, status: str) -> None:
        await self.execute("UPDATE transfers SET status = $2 WHERE id = $1", transfer_id, status)

    async def sent_since(self, wallet_ids: Sequence[UUID], since: datetime) -> int:
        row = await self.fetch_one(
            "SELECT COALESCE(SUM(amount_minor), 0) AS total FROM transfers "
            "WHERE sender_wallet_id = ANY($1::uuid[]) AND created_at >= $2",
            list(wallet_ids),
            since,
        )
        return int(row["total"]) if row else 0

    async def history(self, wallet_id: UUID, limit: int, offset: int) -> list[asyncpg.Record]:
        return await self.fetch_all(
            """
            SELECT t.id, t.amount_minor, t.currency, t.status, t.memo, t.created_at,
                   t.sender_wallet_id, sw.user_id AS sender_user_id, rw.user_id AS recipient_user_id
            FROM transfers t
            JOIN wallets sw ON sw.id = t.sender_wallet_id
            JOIN wallets rw ON rw.id = t.recipient_wallet_id
            WHERE t.sender_wallet_id = $1 OR t.recipient_wallet_id = $1
            ORDER BY t.created_at DESC LIMIT $2 OFFSET $3
            """,
            wallet_id,
            limit,
            offset,
        )


class LedgerRepository(PgRepository):
    @staticmethod
    async def insert_entry(conn: asyncpg.Connection, transfer_id: UUID, kind: str) -> UUID:
        return await conn.fetchval(
            "INSERT INTO journal_entries (id, transfer_id, kind, created_at) VALUES ($1, $2, $3, now()) RETURNING id",
            uuid4(),
            transfer_id,
            kind,
        )

    @staticmethod
    async def insert_postings(conn: asyncpg.Connection, entry_id: UUID, postings: Sequence[PostingRow]) -> None:
        await conn.executemany(
            "INSERT INTO postings (id, entry_id, wallet_id, amount_minor, currency, created_at) "
            "VALUES ($1, $2, $3, $4, $5, now())",
            [(uuid4(), entry_id, p.wallet_id, p.amount_minor, p.currency) for p in postings],
        )

    async def postings_page(
        self, wallet_id: UUID, before: tuple[datetime, UUID] | None, limit: int = 50
    ) -> list[asyncpg.Record]:
        if before is None:
            return await self.fetch_all(
                "SELECT id, entry_id, amount_minor, currency, created_at FROM postings "
                "WHERE wallet_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
                wallet_id,
                limit,
            )
        return await self.fetch_all(
            "SELECT id, entry_id, amount_minor, currency, created_at FROM postings "
            "WHERE wallet_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4",
            wallet_id,
            before[0],
            before[1],
            limit,
        )

    async def export_postings(self, wallet_id: UUID, start: date, end: date) -> list[asyncpg.Record]:
        """Stream a wallet's postings for a period with a server-side cursor."""
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        rows: list[asyncpg.Record] = []
        async with conn.transaction():
            async for row in conn.cursor(
                "SELECT id, entry_id, amount_minor, currency, created_at FROM postings "
                "WHERE wallet_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id",
                wallet_id,
                start,
                end,
                prefetch=500,
            ):
                rows.append(row)
        await self._pool.release(conn)
        return rows
