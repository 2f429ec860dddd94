from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, db, principal, redis_dep, services
from svc.config import get_settings
from svc.db.models import Stage
from svc.repositories.applications import StaleApplication
from svc.services.applications import (
    ApplicationService,
    DuplicateApplication,
    InvalidTransition,
    Submission,
)
from svc.services.parser_client import ParserError

log = logging.getLogger(__name__)
router = APIRouter(tags=["applications"])

ALLOWED_TYPES = {"application/pdf", "text/plain", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _service(request: Request, session: AsyncSession) -> ApplicationService:
    svc = services(request)
    return ApplicationService(
        session=session,
        redis=redis_dep(),
        storage=svc.storage,
        parser=svc.parser,
        publisher=svc.publisher,
        boards=svc.boards,
        notifier=svc.notifier,
    )


@router.post("/careers/{company_id}/jobs/{job_id}/apply", status_code=status.HTTP_201_CREATED)
async def apply(
    request: Request,
    company_id: int,
    job_id: int,
    full_name: str = Form(...),
    email: str = Form(...),
    phone: str | None = Form(None),
    source: str = Form("careers_page"),
    resume: UploadFile = File(...),
    session: AsyncSession = Depends(db),
):
    if resume.content_type not in ALLOWED_TYPES:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "unsupported resume format")
    data = await resume.read(get_settings().max_resume_bytes + 1)
    if len(data) > get_settings().max_resume_bytes:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "resume too large")
    sub = Submission(job_id, full_name, email, phone, source, resume.filename or "resume", data)
    try:
        application = await _service(request, session).submit(company_id, sub)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "job not found") from exc
    except DuplicateApplication as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "already applied") from exc
    except ParserError as exc:
        log.warning("resume parsing failed for job %s: %s", job_id, exc)
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "could not process resume") from exc
    return {"application_id": application.id}


class StageMove(BaseModel):
    stage: Stage
    reason: str | None = None


@router.post("/applications/{application_id}/stage")
async def move(
    request: Request,
    application_id: int,
    body: StageMove,
    p: Principal = Depends(principal),
    session: AsyncSession = Depends(db),
):
    try:
        application = await _service(request, session).move_stage(application_id, body.stage, p.user_id, body.reason)
    except InvalidTransition as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    except StaleApplication as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "application changed, reload and retry") from exc
    return {"id": application.id, "stage": application.stage.value, "version": application.version}


class BulkReject(BaseModel):
    job_id: int
    application_ids: list[int]
    reason: str


@router.post("/applications/bulk-reject")
async def bulk_reject(request: Request, body: BulkReject, p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    if len(body.application_ids) > 200:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "at most 200 applications per request")
    moved = await _service(request, session).bulk_reject(body.job_id, body.application_ids, p.user_id, body.reason)
    return {"rejected": moved}
