from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.db.models import Assignment, User
from glossa.repositories import BaseRepository


class AssignmentRepository(BaseRepository[Assignment]):
    model = Assignment

    async def for_project(self, session: AsyncSession, project_id: int, locale: str) -> list[Assignment]:
        stmt = (
            select(Assignment)
            .where(Assignment.project_id == project_id, Assignment.locale == locale)
            .order_by(Assignment.created_at)
        )
        return list(await session.scalars(stmt))

    async def open_for_translator(self, session: AsyncSession, translator_id: int) -> list[Assignment]:
        stmt = (
            select(Assignment)
            .where(Assignment.translator_id == translator_id)
            .where(Assignment.state.in_(("open", "in_progress")))
            .order_by(Assignment.due_at.asc().nulls_last())
        )
        return list(await session.scalars(stmt))

    async def try_claim(self, session: AsyncSession, project_id: int, locale: str, user_id: int) -> int | None:
        """Hand the oldest unclaimed assignment to `user_id`; concurrent callers get different rows."""
        candidate = (
            select(Assignment.id)
            .where(
                Assignment.project_id == project_id,
                Assignment.locale == locale,
                Assignment.state == "open",
                Assignment.translator_id.is_(None),
            )
            .order_by(Assignment.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        stmt = (
            update(Assignment)
            .where(Assignment.id == candidate)
            .values(translator_id=user_id, state="in_progress")
            .returning(Assignment.id)
        )
        return await session.scalar(stmt)


class UserRepository(BaseRepository[User]):
    model = User

    async def by_key_hash(self, session: AsyncSession, digest: str) -> User | None:
        return await session.scalar(select(User).where(User.api_key_hash == digest))
