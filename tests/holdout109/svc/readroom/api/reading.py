from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from readroom.api.deps import current_user, db_session, queue_repo, services
from readroom.models import User
from readroom.services.notifications import publish_event
from readroom.services.reading_queue_service import ReadingQueueService
from readroom.utils.pagination import clamp_limit

router = APIRouter(prefix="/reading", tags=["reading"])


class QueueItem(BaseModel):
    assignment_id: int
    study_uid: str
    accession: str
    patient_name: str
    modality: str
    description: str | None = None
    priority: str
    age_minutes: int
    overdue: bool


class QueueResponse(BaseModel):
    subspecialty: str
    items: list[QueueItem]


class ClaimResponse(BaseModel):
    assignment_id: int
    study_uid: str
    claimed_by: int


class ClaimedItem(BaseModel):
    assignment_id: int
    study_uid: str
    accession: str
    claimed_at: datetime


def _service(session, repo, svc) -> ReadingQueueService:
    return ReadingQueueService(session, repo, svc.snapshot)


@router.get("/queue/{subspecialty}", response_model=QueueResponse)
async def queue(
    subspecialty: str,
    limit: int = Query(default=50),
    user: User = Depends(current_user),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
) -> dict:
    items = await _service(session, repo, svc).queue_for(user, subspecialty, clamp_limit(limit, 200))
    return {"subspecialty": subspecialty, "items": items}


@router.get("/dashboard/{subspecialty}")
async def dashboard(subspecialty: str, _user: User = Depends(current_user), svc=Depends(services)) -> dict:
    items = await svc.snapshot.for_subspecialty(subspecialty)
    counts = await svc.snapshot.counts()
    return {"items": items[:100], "counts": counts}


@router.post("/assignments/{assignment_id}/claim", response_model=ClaimResponse)
async def claim(
    assignment_id: int,
    user: User = Depends(current_user),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
) -> dict:
    result = await _service(session, repo, svc).claim(assignment_id, user)
    publish_event("claimed", {"assignment_id": assignment_id, "user_id": user.id, "room": None})
    return result


@router.post("/next/{subspecialty}")
async def claim_next(
    subspecialty: str,
    user: User = Depends(current_user),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
) -> dict:
    claimed = await _service(session, repo, svc).claim_next(user, subspecialty)
    return {"claimed": claimed}


@router.post("/assignments/{assignment_id}/release")
async def release(
    assignment_id: int,
    user: User = Depends(current_user),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
) -> dict:
    released = await _service(session, repo, svc).release(assignment_id, user)
    return {"released": released}


@router.get("/mine")
async def my_claims(
    user: User = Depends(current_user),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
) -> dict:
    return {"items": await _service(session, repo, svc).my_claims(user)}


@router.post("/assignments/{assignment_id}/reassign/{user_id}")
async def reassign(
    assignment_id: int,
    user_id: int,
    user: User = Depends(current_user),
    session=Depends(db_session),
    repo=Depends(queue_repo),
    svc=Depends(services),
) -> dict:
    return await _service(session, repo, svc).reassign(assignment_id, user, user_id)
