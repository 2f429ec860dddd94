from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import AccessGrant, Visitor


class GrantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_member(self, member_id: int) -> list[AccessGrant]:
        stmt = select(AccessGrant).where(AccessGrant.member_id == member_id)
        return list((await self._session.execute(stmt)).scalars())

    async def for_members(self, member_ids: list[int]) -> list[AccessGrant]:
        stmt = select(AccessGrant).where(AccessGrant.member_id.in_(member_ids), AccessGrant.sync_state == "synced")
        return list((await self._session.execute(stmt)).scalars())

    async def allows(self, member_id: int, door_id: int, at: datetime) -> bool:
        stmt = select(AccessGrant.id).where(
            AccessGrant.member_id == member_id,
            AccessGrant.door_id == door_id,
            AccessGrant.sync_state == "synced",
            AccessGrant.valid_from <= at,
        )
        return (await self._session.execute(stmt.limit(1))).first() is not None

    async def claim_pending(self, limit: int = 200) -> list[AccessGrant]:
        stmt = (
            select(AccessGrant)
            .where(AccessGrant.sync_state.in_(("pending", "revoking")), AccessGrant.attempts < 8)
            .order_by(AccessGrant.updated_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self._session.execute(stmt)).scalars())


class VisitorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, visitor_id: int) -> Visitor | None:
        return await self._session.get(Visitor, visitor_id)


class DoorEventStore:
    """Append-only door activity, written straight through asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, *, location_id: int, door_id: int, method: str, outcome: str,
                     badge_id: str | None = None, member_id: int | None = None) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO door_events (location_id, door_id, badge_id, member_id, method, outcome) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                location_id, door_id, badge_id, member_id, method, outcome,
            )

    async def recent_for_door(self, door_id: int, limit: int = 50) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                """
                SELECT id, badge_id, member_id, method, outcome, occurred_at
                  FROM door_events
                 WHERE door_id = $1
                 ORDER BY occurred_at DESC
                 LIMIT $2
                """,
                door_id, limit,
            )
        return [dict(row) for row in rows]

    async def recent_for_badge(self, badge_id: str, limit: int = 50) -> list[dict[str, Any]]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                """
                SELECT id, door_id, location_id, method, outcome, occurred_at
                  FROM door_events
                 WHERE badge_id = $1
                 ORDER BY occurred_at DESC
                 LIMIT $2
                """,
                badge_id, limit,
            )
        return [dict(row) for row in rows]
