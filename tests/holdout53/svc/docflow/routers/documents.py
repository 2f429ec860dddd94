from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import Principal, current_principal, require_member
from docflow.db.engine import get_session
from docflow.db.models import Document, Membership
from docflow.realtime import presence
from docflow.services.document_service import DocumentService
from docflow.services.search_service import enqueue_index
from docflow.services.snapshot_service import SnapshotService
from docflow.services.webhook_service import emit_event

router = APIRouter(prefix="/workspaces/{workspace_id}/documents", tags=["documents"])


class CreateDocument(BaseModel):
    title: str = Field(min_length=1, max_length=300)


class Rename(BaseModel):
    title: str = Field(min_length=1, max_length=300)


@router.get("")
async def list_documents(
    workspace_id: uuid.UUID,
    before: datetime | None = Query(default=None),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    return await DocumentService(session).list_with_owners(workspace_id, before)


@router.get("/recent")
async def recent(
    workspace_id: uuid.UUID,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    return await DocumentService(session).recent_for_dashboard(workspace_id)


@router.post("", status_code=201)
async def create_document(
    workspace_id: uuid.UUID,
    body: CreateDocument,
    principal: Principal = Depends(current_principal),
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    if me.role == "viewer":
        raise HTTPException(403, "viewers cannot create documents")
    doc = Document(workspace_id=workspace_id, owner_id=principal.user_id, title=body.title)
    session.add(doc)
    await session.commit()
    await enqueue_index(doc.id)
    await emit_event(workspace_id, "document.created", {"document_id": str(doc.id), "title": doc.title})
    return {"id": str(doc.id), "version": 0}


@router.get("/{document_id}")
async def get_document(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    summary = await DocumentService(session).summary(document_id)
    version, content = await SnapshotService(session).current_content_offloaded(document_id)
    summary["viewers"] = await presence.online(str(document_id))
    return {**summary, "version": version, "content": content}


@router.patch("/{document_id}")
async def rename(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    body: Rename,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    await DocumentService(session).rename(document_id, body.title)
    emit_event(workspace_id, "document.updated", {"document_id": str(document_id), "title": body.title})
    return {"ok": True}


@router.delete("/{document_id}", status_code=204)
async def archive(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    me: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> None:
    if me.role in ("viewer",):
        raise HTTPException(403, "forbidden")
    await DocumentService(session).archive(document_id)
    await enqueue_index(document_id)
    await emit_event(workspace_id, "document.archive", {"document_id": str(document_id)})
