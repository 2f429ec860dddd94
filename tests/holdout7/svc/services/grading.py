from __future__ import annotations

import json
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.data.models import Submission
from svc.data.redis_store import bus_redis

log = logging.getLogger(__name__)

GRADING_QUEUE = "grading:pending"


async def enqueue_submission(submission_id: int) -> None:
    await bus_redis.lpush(GRADING_QUEUE, json.dumps({"submission_id": submission_id}))


async def queue_depth() -> int:
    return await bus_redis.llen(GRADING_QUEUE)


class SubmissionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, quiz_id: int, user_id: int, answers: dict) -> Submission:
        submission = Submission(quiz_id=quiz_id, user_id=user_id, answers=json.dumps(answers))
        self.session.add(submission)
        await self.session.commit()
        return submission

    async def get(self, submission_id: int) -> Submission | None:
        return await self.session.get(Submission, submission_id)

    async def latest_for(self, quiz_id: int, user_id: int) -> Submission | None:
        stmt = (
            select(Submission)
            .where(Submission.quiz_id == quiz_id, Submission.user_id == user_id)
            .order_by(Submission.id.desc())
            .limit(1)
        )
        return (await self.session.scalars(stmt)).first()


def score_answers(answers: dict[str, str], key: dict[str, str]) -> int:
    return sum(1 for question, expected in key.items() if answers.get(question) == expected)


def score_summary(scores: list[int]) -> dict[str, float]:
    if not scores:
        return {"count": 0, "median": 0.0, "best": 0.0}
    return {"count": len(scores), "median": float(statistics.median(scores)), "best": float(max(scores))}
