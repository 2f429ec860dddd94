"""Quiz routes: attempts, submissions, leaderboards and instructor tools."""

from __future__ import annotations

import logging
from dataclasses import asdict

import httpx
from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel

from svc.api.deps import current_principal, get_container, grading_service, require_instructor
from svc.clients.identity import Principal
from svc.clients.lti import post_score
from svc.container import Container
from svc.services.grading import GradingService

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/quizzes", tags=["quizzes"])


class Submission(BaseModel):
    answers: dict[str, list[int] | str]
    lti_line_item: str | None = None
    lti_user_ref: str | None = None


class Preview(BaseModel):
    answers: dict[str, list[int] | str]


@router.post("/{quiz_id}/attempts")
async def start_attempt(
    quiz_id: int,
    principal: Principal = Depends(current_principal),
    grading: GradingService = Depends(grading_service),
) -> dict:
    attempt = await grading.start_attempt(quiz_id, principal.user_id)
    return {"attempt_id": attempt.id, "started_at": attempt.started_at}


@router.post("/attempts/{attempt_id}/submit")
async def submit(
    attempt_id: int,
    body: Submission,
    principal: Principal = Depends(current_principal),
    grading: GradingService = Depends(grading_service),
    container: Container = Depends(get_container),
) -> dict:
    container.quiz_limiter.check(principal.user_id)
    result = await grading.submit(attempt_id, principal.user_id, body.answers)
    if body.lti_line_item and body.lti_user_ref:
        try:
            await post_score(container.settings, body.lti_line_item, body.lti_user_ref, result.score)
        except httpx.HTTPError:
            logger.exception("LTI grade passback failed for attempt %s", attempt_id)
    return asdict(result)


@router.post("/{quiz_id}/preview")
async def preview(
    quiz_id: int,
    body: Preview,
    _: Principal = Depends(require_instructor),
    grading: GradingService = Depends(grading_service),
) -> dict:
    """Grade a hand-made answer sheet without storing an attempt."""
    quiz = await grading.load_quiz(quiz_id)
    result = grading.grade_attempt(quiz, body.answers, partial_credit=False)
    return asdict(result)


@router.get("/{quiz_id}/leaderboard")
async def leaderboard(quiz_id: int, grading: GradingService = Depends(grading_service)) -> list[dict]:
    return [asdict(e) for e in await grading.leaderboard(quiz_id)]


@router.get("/{quiz_id}/questions/{question_id}/similar/{attempt_id}")
async def similar(
    quiz_id: int,
    question_id: int,
    attempt_id: int,
    _: Principal = Depends(require_instructor),
    grading: GradingService = Depends(grading_service),
) -> list[int]:
    return await grading.similar_answers(quiz_id, question_id, attempt_id)


@router.get("/courses/{course_id}/export.csv")
async def export(
    course_id: int,
    _: Principal = Depends(require_instructor),
    grading: GradingService = Depends(grading_service),
) -> Response:
    body = await grading.export_csv(course_id)
    return Response(content=body, media_type="text/csv")
