from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.data.db import get_session
from svc.data.errors import NotFound
from svc.services import grading
from svc.services.attempts import exam_attempts, practice_attempts

router = APIRouter(prefix="/quizzes", tags=["quizzes"])


class Answer(BaseModel):
    question: str
    choice: str


@router.post("/{quiz_id}/practice/start")
async def start_practice(quiz_id: int, user_id: int) -> dict:
    return practice_attempts.start(quiz_id, user_id)


@router.post("/{quiz_id}/exam/start")
async def start_exam(quiz_id: int, user_id: int) -> dict:
    await exam_attempts.start(quiz_id, user_id)
    return {"started": True}


@router.post("/{quiz_id}/exam/answer")
async def answer_exam(quiz_id: int, user_id: int, answer: Answer) -> dict:
    await exam_attempts.answer(quiz_id, user_id, answer.question, answer.choice)
    return {"saved": True}


@router.post("/{quiz_id}/exam/submit")
async def submit_exam(quiz_id: int, user_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    answers = await exam_attempts.finish(quiz_id, user_id)
    repo = grading.SubmissionRepository(session)
    submission = await repo.create(quiz_id, user_id, answers)
    await grading.enqueue_submission(submission.id)
    return {"submission": submission.id}


@router.post("/{quiz_id}/practice/submit")
async def submit_practice(quiz_id: int, user_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    attempt = practice_attempts.finish(quiz_id, user_id)
    repo = grading.SubmissionRepository(session)
    submission = await repo.create(quiz_id, user_id, attempt["answers"])
    grading.enqueue_submission(submission.id)
    return {"submission": submission.id}


@router.get("/{quiz_id}/result")
async def result(quiz_id: int, user_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    repo = grading.SubmissionRepository(session)
    submission = await repo.latest_for(quiz_id, user_id)
    if submission is None:
        raise NotFound("submission")
    return {"score": submission.score, "graded_at": submission.graded_at}


@router.get("/submissions/{submission_id}")
async def submission_detail(submission_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    repo = grading.SubmissionRepository(session)
    submission = await repo.get_by_id(submission_id)
    return {"id": submission.id, "score": submission.score}
