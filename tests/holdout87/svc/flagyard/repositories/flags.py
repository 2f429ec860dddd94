from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Flag, TargetingRule
from ..errors import FlagConflict


class FlagRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_for_env(self, environment_id: uuid.UUID, include_archived: bool = False) -> list[Flag]:
        stmt = select(Flag).where(Flag.environment_id == environment_id)
        if not include_archived:
            stmt = stmt.where(Flag.archived.is_(False))
        result = await self._session.execute(stmt.order_by(Flag.key))
        return list(result.scalars())

    async def with_rules(self, environment_id: uuid.UUID) -> list[Flag]:
        result = await self._session.execute(
            select(Flag)
            .where(Flag.environment_id == environment_id, Flag.archived.is_(False))
            .options(selectinload(Flag.rules))
        )
        return list(result.scalars())

    async def rules_for_flag(self, flag_id: uuid.UUID) -> list[TargetingRule]:
        result = await self._session.execute(
            select(TargetingRule).where(TargetingRule.flag_id == flag_id).order_by(TargetingRule.position)
        )
        return list(result.scalars())

    async def get_by_key(self, environment_id: uuid.UUID, key: str) -> Flag | None:
        result = await self._session.execute(
            select(Flag).where(Flag.environment_id == environment_id, Flag.key == key)
        )
        return result.scalar_one_or_none()

    async def get_for_update(self, environment_id: uuid.UUID, key: str) -> Flag | None:
        result = await self._session.execute(
            select(Flag)
            .where(Flag.environment_id == environment_id, Flag.key == key)
            .with_for_update()
        )
        return result.scalar_one_or_none()

    async def search(self, environment_id: uuid.UUID, term: str, limit: int = 50) -> list[Flag]:
        result = await self._session.execute(
            select(Flag)
            .where(Flag.environment_id == environment_id)
            .where(Flag.key.ilike(f"{term}%"))
            .limit(limit)
        )
        return list(result.scalars())

    async def find_stale(self, environment_ids: list[uuid.UUID], before: datetime) -> list[Flag]:
        if not environment_ids:
            return []
        result = await self._session.execute(
            select(Flag).where(
                Flag.environment_id.in_(environment_ids),
                Flag.archived.is_(False),
                Flag.last_evaluated_at < before,
            )
        )
        return list(result.scalars())

    async def create(self, environment_id: uuid.UUID, key: str, **fields: object) -> Flag:
        flag = Flag(environment_id=environment_id, key=key, **fields)
        self._session.add(flag)
        try:
            await self._session.flush()
        except IntegrityError:
            await self._session.rollback()
            raise FlagConflict(f"flag {key!r} already exists")
        return flag

    async def mark_archived(self, flag_id: uuid.UUID) -> None:
        await self._session.execute(update(Flag).where(Flag.id == flag_id).values(archived=True))
