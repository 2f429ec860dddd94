from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import require_member
from docflow.db.engine import get_session
from docflow.db.models import Membership
from docflow.services.attachment_service import AttachmentService

router = APIRouter(prefix="/workspaces/{workspace_id}/documents/{document_id}/attachments", tags=["attachments"])


class StartUpload(BaseModel):
    filename: str = Field(min_length=1, max_length=300)
    content_type: str
    size_bytes: int = Field(gt=0)


@router.post("", status_code=201)
async def start_upload(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    body: StartUpload,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    return await AttachmentService(session).start_upload(
        document_id, body.filename, body.content_type, body.size_bytes
    )


@router.post("/{attachment_id}/finalize")
async def finalize(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    attachment_id: uuid.UUID,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    return await AttachmentService(session).finalize(attachment_id)


@router.get("/{attachment_id}")
async def download(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    attachment_id: uuid.UUID,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> RedirectResponse:
    url = await AttachmentService(session).download_url(attachment_id)
    return RedirectResponse(url, status_code=302)
