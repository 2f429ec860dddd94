from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import Any
from uuid import UUID, uuid4

import asyncpg
from fastapi import HTTPException, status
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import Notification
from svc.errors import ConflictError
from svc.repositories import PgRepository


class KycRepository(PgRepository):
    async def latest_for_user(self, user_id: UUID) -> asyncpg.Record | None:
        return await self.fetch_one(
            "SELECT id, provider_ref, status, submitted_at FROM kyc_checks "
            "WHERE user_id = $1 ORDER BY submitted_at DESC LIMIT 1",
            user_id,
        )

    async def insert(self, user_id: UUID, provider_ref: str) -> UUID:
        row = await self.fetch_one(
            "INSERT INTO kyc_checks (id, user_id, provider_ref, status, submitted_at) "
            "VALUES ($1, $2, $3, 'pending', now()) RETURNING id",
            uuid4(),
            user_id,
            provider_ref,
        )
        assert row is not None
        return row["id"]

    async def find_by_provider_ref(self, provider_ref: str) -> asyncpg.Record | None:
        return await self.fetch_one("SELECT id, user_id, status FROM kyc_checks WHERE provider_ref = $1", provider_ref)

    async def set_status(self, check_id: UUID, status_value: str) -> None:
        await self.execute(
            "UPDATE kyc_checks SET status = $2, decided_at = now() WHERE id = $1", check_id, status_value
        )


class CardRepository(PgRepository):
    async def get_by_issuer_id(self, issuer_card_id: str) -> asyncpg.Record | None:
        return await self.fetch_one(
            "SELECT id, user_id, last4, status FROM cards WHERE issuer_card_id = $1", issuer_card_id
        )

    async def list_for_user(self, user_id: UUID) -> list[asyncpg.Record]:
        return await self.fetch_all("SELECT id, last4, status FROM cards WHERE user_id = $1", user_id)

    async def get_owned(self, card_id: UUID, user_id: UUID) -> asyncpg.Record:
        row = await self.fetch_one("SELECT id, user_id, issuer_card_id, last4, status FROM cards WHERE id = $1", card_id)
        if row is None or row["user_id"] != user_id:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="card not found")
        return row

    async def transition(self, card_id: UUID, new_status: str) -> str:
        async with self.connection() as conn, conn.transaction():
            current = await conn.fetchval("SELECT status FROM cards WHERE id = $1 FOR UPDATE", card_id)
            if current == "closed":
                raise ConflictError("card is closed")
            await conn.execute("UPDATE cards SET status = $2 WHERE id = $1", card_id, new_status)
            return str(current)


class NotificationRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add(self, user_id: UUID, kind: str, payload: dict[str, Any]) -> None:
        async with self._sessions() as session, session.begin():
            session.add(Notification(user_id=user_id, kind=kind, payload=payload))

    async def unread(self, user_id: UUID, limit: int = 50) -> list[Notification]:
        async with self._sessions() as session:
            stmt = (
                select(Notification)
                .where(Notification.user_id == user_id, Notification.read_at.is_(None))
                .order_by(Notification.created_at.desc())
                .limit(limit)
            )
            return list((await session.scalars(stmt)).all())

    async def mark_read(self, user_id: UUID, notification_ids: Sequence[UUID]) -> int:
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(Notification)
                .where(Notification.id.in_(notification_ids), Notification.user_id == user_id)
                .values(read_at=datetime.now(timezone.utc))
            )
            return result.rowcount or 0


class StatementRepository(PgRepository):
    async def due_wallets(self, period_start: date) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                """
                SELECT w.id, w.user_id, w.currency
                FROM wallets w
                WHERE NOT EXISTS (
                    SELECT 1 FROM statements s WHERE s.wallet_id = w.id AND s.period_start = $1
                )
                """,
                period_start,
            )

    async def record(self, wallet_id: UUID, period_start: date, period_end: date, path: str) -> None:
        await self.execute(
            "INSERT INTO statements (id, wallet_id, period_start, period_end, path, created_at) "
            "VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (wallet_id, period_start) DO NOTHING",
            uuid4(),
            wallet_id,
            period_start,
            period_end,
            path,
        )

    async def list_for_wallet(self, wallet_id: UUID) -> list[asyncpg.Record]:
        return await self.fetch_all(
            "SELECT id, period_start, period_end, path FROM statements WHERE wallet_id = $1 "
            "ORDER BY period_start DESC LIMIT 24",
            wallet_id,
        )
