from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.auth import Principal, current_principal, require_member
from docflow.clients.storage import store
from docflow.db.engine import get_session
from docflow.db.models import Membership
from docflow.repos.documents import ExportRepo
from docflow.services.export_service import ExportService

router = APIRouter(prefix="/workspaces/{workspace_id}/exports", tags=["exports"])


@router.post("/documents/{document_id}", status_code=202)
async def request_export(
    workspace_id: uuid.UUID,
    document_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    job_id = await ExportService(session).request(document_id, principal.user_id)
    return {"job_id": str(job_id), "status": "queued"}


@router.get("/{job_id}")
async def export_status(
    workspace_id: uuid.UUID,
    job_id: uuid.UUID,
    _: Membership = Depends(require_member),
    session: AsyncSession = Depends(get_session),
) -> dict:
    job = await ExportRepo(session).get(job_id)
    if job is None:
        raise HTTPException(404, "export not found")
    out = {"job_id": str(job.id), "status": job.status}
    if job.status == "done" and job.result_key:
        out["url"] = store.presign_get(job.result_key, f"{job.document_id}.pdf")
    elif job.status == "failed":
        out["error"] = job.eror
    return out
