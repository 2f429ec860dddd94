"""Document upload endpoints for applications."""
from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, UploadFile
from fastapi.responses import Response

from svc.api.deps import Session, User, document_service
from svc.config import settings
from svc.db import applications_repo
from svc.services.documents import DocumentService

router = APIRouter(prefix="/applications/{application_id}/documents", tags=["documents"])
Documents = Annotated[DocumentService, Depends(document_service)]


async def _owned_application(session: Session, application_id: UUID, user: User) -> None:
    application = await applications_repo.get_application(session, application_id)
    applicant = await applications_repo.applicant_for_user(session, user.id)
    if applicant is None or applicant.id != application.applicant_id:
        raise HTTPException(status_code=404, detail="application not found")


@router.post("", status_code=201)
async def upload(application_id: UUID, kind: str, file: UploadFile, user: User, session: Session, docs: Documents) -> dict[str, str]:
    await _owned_application(session, application_id, user)
    if not await docs.allow_upload(user.id):
        raise HTTPException(status_code=429, detail="upload limit reached")
    if file.size is not None and file.size > settings.max_upload_bytes:
        raise HTTPException(status_code=413, detail="file too large")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(status_code=413, detail="file too large")
    document = await docs.store(session, application_id, kind, file.content_type or "", data)
    return {"id": str(document.id), "scan_status": document.scan_status}


@router.post("/chunked", status_code=201)
async def begin_chunked(application_id: UUID, user: User, session: Session, docs: Documents) -> dict[str, str]:
    await _owned_application(session, application_id, user)
    return {"upload_id": docs.chunks.begin()}


@router.put("/chunked/{upload_id}")
async def append_chunk(application_id: UUID, upload_id: str, file: UploadFile, user: User, docs: Documents) -> dict[str, int]:
    chunk = await file.read(settings.max_upload_bytes)
    return {"received": docs.chunks.append(upload_id, chunk)}


@router.post("/chunked/{upload_id}/complete", status_code=201)
async def complete_chunked(application_id: UUID, upload_id: str, kind: str, content_type: str, user: User, session: Session, docs: Documents) -> dict[str, str]:
    await _owned_application(session, application_id, user)
    document = await docs.store(session, application_id, kind, content_type, docs.chunks.finish(upload_id))
    return {"id": str(document.id)}


@router.post("/reference-letter", status_code=201)
async def reference_letter(application_id: UUID, text: str, user: User, session: Session, docs: Documents) -> dict[str, str]:
    await _owned_application(session, application_id, user)
    document = await docs.store_reference_letter(session, application_id, text)
    return {"id": str(document.id)}


@router.post("/id-preview")
async def id_preview(application_id: UUID, file: UploadFile, user: User, docs: Documents) -> Response:
    data = await file.read(settings.max_upload_bytes)
    return Response(content=await docs.id_preview(data), media_type="image/jpeg")


@router.get("")
async def list_documents(application_id: UUID, user: User, session: Session, docs: Documents) -> list[dict[str, Any]]:
    await _owned_application(session, application_id, user)
    return await docs.list_for_application(session, application_id)
