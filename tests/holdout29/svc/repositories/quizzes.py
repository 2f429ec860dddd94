"""Quiz, question and attempt queries (SQLAlchemy ORM)."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Quiz, QuizAttempt
from svc.errors import NotFoundError


class QuizRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_with_questions(self, quiz_id: int) -> Quiz:
        stmt = select(Quiz).where(Quiz.id == quiz_id).options(selectinload(Quiz.questions))
        quiz = (await self._session.scalars(stmt)).one_or_none()
        if quiz is None:
            raise NotFoundError("quiz", quiz_id)
        return quiz

    async def get_attempt(self, attempt_id: int, user_id: int) -> QuizAttempt:
        attempt = await self._session.get(QuizAttempt, attempt_id)
        if attempt is None or attempt.user_id != user_id:
            raise HTTPException(status_code=404, detail="attempt not found")
        return attempt

    async def open_attempt(self, quiz_id: int, user_id: int) -> QuizAttempt | None:
        stmt = select(QuizAttempt).where(
            QuizAttempt.quiz_id == quiz_id,
            QuizAttempt.user_id == user_id,
            QuizAttempt.submitted_at.is_(None),
        )
        return (await self._session.scalars(stmt)).first()

    async def create_attempt(self, quiz_id: int, user_id: int) -> QuizAttempt:
        attempt = QuizAttempt(quiz_id=quiz_id, user_id=user_id, answers={})
        self._session.add(attempt)
        await self._session.commit()
        return attempt

    async def save_result(self, attempt: QuizAttempt, answers: dict, score: float, passed: bool) -> None:
        attempt.answers = answers
        attempt.score = score
        attempt.passed = passed
        attempt.submitted_at = datetime.now(timezone.utc)
        await self._session.commit()

    async def top_attempts(self, quiz_id: int, limit: int = 20) -> list[QuizAttempt]:
        stmt = (
            select(QuizAttempt)
            .where(QuizAttempt.quiz_id == quiz_id, QuizAttempt.submitted_at.is_not(None))
            .order_by(QuizAttempt.score.desc())
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def submitted_for_quiz(self, quiz_id: int) -> list[QuizAttempt]:
        stmt = select(QuizAttempt).where(
            QuizAttempt.quiz_id == quiz_id, QuizAttempt.submitted_at.is_not(None)
        )
        return list(await self._session.scalars(stmt))

    async def submitted_for_course(self, course_id: int) -> list[QuizAttempt]:
        stmt = (
            select(QuizAttempt)
            .join(Quiz, Quiz.id == QuizAttempt.quiz_id)
            .where(Quiz.course_id == course_id, QuizAttempt.submitted_at.is_not(None))
            .order_by(QuizAttempt.quiz_id, QuizAttempt.user_id)
        )
        return list(await self._session.scalars(stmt))
