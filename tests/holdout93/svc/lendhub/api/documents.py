from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Document
from ..services.documents import DocumentService
from ..utils.fileio import read_document, storage_path_for
from .deps import current_user, get_session

router = APIRouter(prefix="/applications/{application_id}/documents", tags=["documents"])

MAX_UPLOAD_BYTES = 25 * 1024 * 1024


@router.post("", status_code=201)
async def upload(
    application_id: int,
    request: Request,
    kind: str = Form(...),
    borrower_id: int | None = Form(None),
    file: UploadFile = File(...),
    session: AsyncSession = Depends(get_session),
    _: dict = Depends(current_user),
) -> dict[str, Any]:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, "document too large")
    svc = DocumentService(session, request.app.state.ocr)
    doc = await svc.upload(application_id, borrower_id, kind, file.filename or "upload.bin", data)
    return {"id": doc.id, "sha256": doc.sha256}


@router.get("/{document_id}/content")
def download(application_id: int, document_id: int, filename: str, _: dict = Depends(current_user)) -> Response:
    content = read_document(str(storage_path_for(application_id, filename)))
    return Response(content, media_type="application/octet-stream")


@router.post("/{document_id}/reprocess", status_code=202)
async def reprocess(
    application_id: int,
    document_id: int,
    request: Request,
    session: AsyncSession = Depends(get_session),
    _: dict = Depends(current_user),
) -> dict[str, str]:
    doc = await session.get(Document, document_id)
    if doc is None or doc.application_id != application_id:
        raise HTTPException(404, "document not found")
    await DocumentService(session, request.app.state.ocr).resubmit(doc)
    return {"status": "queued"}
