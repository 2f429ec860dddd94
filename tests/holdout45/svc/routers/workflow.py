from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel

from ..config import TenantSettings
from ..deps import publishing_service, tenant, workflow_service
from ..services.publishing import PublishError, PublishingService
from ..services.workflow import WorkflowError, WorkflowService
from ..utils.auth import Principal, require

router = APIRouter(prefix="/workflow", tags=["workflow"])


class ChangesIn(BaseModel):
    reason: str


class PublishIn(BaseModel):
    at: datetime | None = None


class BulkPublishIn(BaseModel):
    ids: list[int]


@router.post("/articles/{article_id}/submit")
async def submit(
    article_id: int,
    pub: TenantSettings = Depends(tenant),
    user: Principal = Depends(require("writer")),
    wf: WorkflowService = Depends(workflow_service),
) -> dict:
    try:
        state = await wf.submit(article_id, user.user_id, pub)
    except WorkflowError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"state": state}


@router.post("/assignments/{assignment_id}/claim")
async def claim(
    assignment_id: int,
    user: Principal = Depends(require("editor")),
    wf: WorkflowService = Depends(workflow_service),
) -> dict:
    if not await wf.claim(assignment_id, user.user_id):
        raise HTTPException(409, "already claimed")
    return {"claimed": True}


@router.post("/articles/{article_id}/approve")
async def approve(
    article_id: int,
    pub: TenantSettings = Depends(tenant),
    user: Principal = Depends(require("editor")),
    wf: WorkflowService = Depends(workflow_service),
) -> dict:
    try:
        return {"state": await wf.approve(article_id, user.user_id, pub)}
    except WorkflowError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.post("/articles/{article_id}/changes")
async def request_changes(
    article_id: int,
    payload: ChangesIn,
    user: Principal = Depends(require("editor")),
    wf: WorkflowService = Depends(workflow_service),
) -> dict:
    try:
        await wf.request_changes(article_id, user.user_id, payload.reason)
    except WorkflowError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"state": "draft"}


@router.post("/articles/{article_id}/publish")
async def publish(
    article_id: int,
    payload: PublishIn,
    pub: TenantSettings = Depends(tenant),
    _: Principal = Depends(require("editor")),
    publisher: PublishingService = Depends(publishing_service),
) -> dict:
    try:
        article = await publisher.publish(article_id, pub, at=payload.at)
    except PublishError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"id": article.id, "status": "scheduled" if payload.at else "published"}


@router.post("/publish-batch")
async def publish_batch(
    payload: BulkPublishIn,
    pub: TenantSettings = Depends(tenant),
    _: Principal = Depends(require("editor")),
    publisher: PublishingService = Depends(publishing_service),
) -> dict:
    done = await publisher.publish_many(payload.ids[:100], pub)
    return {"published": done, "skipped": [i for i in payload.ids if i not in done]}


@router.post("/frontpage/{article_id}/pin")
async def pin_to_frontpage(
    article_id: int,
    request: Request,
    pub: TenantSettings = Depends(tenant),
    _: Principal = Depends(require("editor")),
) -> dict:
    return {"pinned": await request.app.state.frontpage.pin(pub.tenant_id, article_id)}
