from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Question, QuestionVariant


class QuestionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_variant(self, variant_id: int) -> QuestionVariant | None:
        stmt = (
            select(QuestionVariant)
            .options(selectinload(QuestionVariant.question))
            .where(QuestionVariant.id == variant_id)
        )
        return await self._session.scalar(stmt)

    async def variants_by_id(self, variant_ids: Iterable[int]) -> dict[int, QuestionVariant]:
        ids = list(set(variant_ids))
        if not ids:
            return {}
        stmt = select(QuestionVariant).options(selectinload(QuestionVariant.question)).where(QuestionVariant.id.in_(ids))
        return {v.id: v for v in (await self._session.scalars(stmt)).all()}

    async def active_questions(self, bank_id: int) -> Sequence[Question]:
        stmt = (
            select(Question)
            .options(selectinload(Question.variants))
            .where(Question.bank_id == bank_id, Question.retired.is_(False))
        )
        return (await self._session.scalars(stmt)).all()

    async def search(self, bank_id: int, term: str) -> Sequence[Question]:
        stmt = select(Question).where(Question.bank_id == bank_id, Question.body.ilike(f"%{term}%"))
        return (await self._session.scalars(stmt)).all()

    async def by_topic(self, bank_id: int, topic: str, limit: int = 100) -> Sequence[Question]:
        stmt = (
            select(Question)
            .where(Question.bank_id == bank_id, Question.topic == topic)
            .order_by(Question.id)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def add_variant(self, variant: QuestionVariant) -> None:
        self._session.add(variant)
        await self._session.flush()
