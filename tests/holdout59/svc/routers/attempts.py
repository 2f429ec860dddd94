from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel

from svc.clients.lms import LmsError, lms_client
from svc.cache import exam_settings_cache
from svc.db.models import Exam
from svc.deps import PrincipalDep, RedisDep, SessionDep
from svc.repositories.attempts import AttemptRepository
from svc.repositories.questions import QuestionRepository
from svc.services.attempts import AttemptError, AttemptService
from svc.services.autosave import AttemptClosed, AutosaveService
from svc.services.timers import AttemptTimers

router = APIRouter(prefix="/attempts", tags=["attempts"])


class StartRequest(BaseModel):
    exam_id: int
    sitting_id: int


class StartResponse(BaseModel):
    attempt_id: int
    deadline_epoch: float
    question_count: int


class AnswerIn(BaseModel):
    question_id: int
    variant_id: int
    response: dict[str, Any]
    version: int
    final: bool = False


@router.post("", response_model=StartResponse, status_code=status.HTTP_201_CREATED)
async def start_attempt(body: StartRequest, request: Request, principal: PrincipalDep,
                        session: SessionDep, redis: RedisDep) -> StartResponse:
    service = AttemptService(session, redis, lms_client, request.app.state.question_bank)
    try:
        started = await service.start(principal, body.exam_id, body.sitting_id)
    except AttemptError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    except LmsError as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "enrolment check unavailable") from exc
    return StartResponse(**started.__dict__)


@router.post("/{attempt_id}/submit")
async def submit_attempt(attempt_id: int, request: Request, principal: PrincipalDep,
                         session: SessionDep, redis: RedisDep) -> dict[str, Any]:
    service = AttemptService(session, redis, lms_client, request.app.state.question_bank)
    try:
        attempt = await service.submit(principal, attempt_id)
    except AttemptError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    return {"attempt_id": attempt.id, "status": "submitted"}


@router.put("/{attempt_id}/answers", status_code=status.HTTP_202_ACCEPTED)
async def save_answer(attempt_id: int, body: AnswerIn, principal: PrincipalDep,
                      session: SessionDep, redis: RedisDep) -> dict[str, bool]:
    try:
        stored = await AutosaveService(session, redis).save(
            principal.student_id, attempt_id, body.question_id, body.variant_id,
            body.response, body.version, final=body.final,
        )
    except AttemptClosed as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"stored": stored}


@router.get("/{attempt_id}/drafts")
async def drafts(attempt_id: int, principal: PrincipalDep, session: SessionDep, redis: RedisDep) -> dict[int, dict]:
    attempt = await AttemptRepository(session).get_attempt(attempt_id)
    if attempt is None or attempt.student_id != principal.student_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "attempt not found")
    return await AutosaveService(session, redis).drafts(attempt_id)


@router.get("/{attempt_id}/time")
async def remaining_time(attempt_id: int, _: PrincipalDep, redis: RedisDep) -> dict[str, int]:
    return {"remaining": await AttemptTimers(redis).remaining(attempt_id)}


@router.get("/{attempt_id}/questions")
async def attempt_questions(attempt_id: int, request: Request, principal: PrincipalDep,
                            session: SessionDep) -> dict[str, Any]:
    attempt = await AttemptRepository(session).get_attempt(attempt_id)
    if attempt is None or attempt.student_id != principal.student_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "attempt not found")

    async def load_settings(exam_id: int) -> dict[str, Any]:
        exam = await session.get(Exam, exam_id)
        return dict(exam.settings or {}) if exam else {}

    exam_settings = await exam_settings_cache.get(attempt.exam_id, load_settings)
    bank = request.app.state.question_bank
    variants = await QuestionRepository(session).variants_by_id(item["v"] for item in attempt.variant_plan)
    params = {"student": str(principal.student_id), "attempt": str(attempt_id)}
    questions = []
    for item in sorted(attempt.variant_plan, key=lambda i: i["pos"]):
        variant = variants.get(item["v"])
        if variant is None:
            continue
        questions.append({
            "position": item["pos"],
            "question_id": item["q"],
            "variant_id": variant.id,
            "kind": variant.question.kind,
            "points": str(variant.question.points),
            "body": bank.render(attempt_id, variant, params),
        })
    return {"settings": exam_settings, "questions": questions}
