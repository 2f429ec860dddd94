from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Answer, Attempt, AttemptStatus


class AttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_attempt(self, attempt_id: int) -> Attempt | None:
        return await self._session.get(Attempt, attempt_id)

    async def lock_attempt(self, attempt_id: int) -> Attempt | None:
        stmt = select(Attempt).where(Attempt.id == attempt_id).with_for_update()
        return await self._session.scalar(stmt)

    async def attempts_for(self, exam_id: int, student_id: int) -> Sequence[Attempt]:
        stmt = select(Attempt).where(Attempt.exam_id == exam_id, Attempt.student_id == student_id)
        return (await self._session.scalars(stmt)).all()

    async def count_in_sitting(self, sitting_id: int) -> int:
        stmt = select(func.count()).select_from(Attempt).where(Attempt.sitting_id == sitting_id)
        return int(await self._session.scalar(stmt) or 0)

    async def create(self, attempt: Attempt) -> Attempt:
        self._session.add(attempt)
        await self._session.flush()
        return attempt

    async def mark_submitted(self, attempt_id: int, at: datetime) -> bool:
        stmt = (
            update(Attempt)
            .where(Attempt.id == attempt_id, Attempt.status == AttemptStatus.IN_PROGRESS)
            .values(status=AttemptStatus.SUBMITTED, submitted_at=at)
            .returning(Attempt.id)
        )
        return (await self._session.scalar(stmt)) is not None

    async def expired_in_progress(self, now: datetime, limit: int = 500) -> Sequence[Attempt]:
        stmt = (
            select(Attempt)
            .where(Attempt.status == AttemptStatus.IN_PROGRESS, Attempt.deadline_at < now)
            .order_by(Attempt.deadline_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return (await self._session.scalars(stmt)).all()

    async def answers(self, attempt_id: int) -> Sequence[Answer]:
        stmt = select(Answer).where(Answer.attempt_id == attempt_id).order_by(Answer.question_id)
        return (await self._session.scalars(stmt)).all()

    async def answers_for_attempts(self, attempt_ids: Sequence[int]) -> dict[int, list[Answer]]:
        grouped: dict[int, list[Answer]] = {aid: [] for aid in attempt_ids}
        if not grouped:
            return grouped
        stmt = select(Answer).where(Answer.attempt_id.in_(list(grouped))).order_by(Answer.attempt_id, Answer.question_id)
        for answer in (await self._session.scalars(stmt)).all():
            grouped[answer.attempt_id].append(answer)
        return grouped

    async def get_answer(self, attempt_id: int, question_id: int) -> Answer | None:
        stmt = select(Answer).where(Answer.attempt_id == attempt_id, Answer.question_id == question_id)
        return await self._session.scalar(stmt)

    async def upsert_answer(self, attempt_id: int, question_id: int, variant_id: int, response: dict, version: int) -> bool:
        stmt = (
            insert(Answer)
            .values(attempt_id=attempt_id, question_id=question_id, variant_id=variant_id, response=response, version=version)
            .on_conflict_do_update(
                constraint="uq_answers_attempt_question",
                set_={"response": response, "version": version, "saved_at": func.now()},
                where=Answer.version < version,
            )
            .returning(Answer.id)
        )
        return (await self._session.scalar(stmt)) is not None

    async def delete_answers(self, attempt_id: int) -> None:
        for answer in await self.answers(attempt_id):
            self._session.delete(answer)
