"""Document upload endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, Response, UploadFile, status

from svc.api.deps import PrincipalDep, SettingsDep, get_documents
from svc.schemas import DocumentOut
from svc.services.documents import DocumentService

router = APIRouter(prefix="/claims/{claim_id}/documents", tags=["documents"])

ALLOWED_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/heic"})
DocumentsDep = Annotated[DocumentService, Depends(get_documents)]


@router.post("", response_model=DocumentOut, status_code=status.HTTP_201_CREATED)
async def upload_document(
    claim_id: int,
    principal: PrincipalDep,
    settings: SettingsDep,
    documents: DocumentsDep,
    file: Annotated[UploadFile, File()],
) -> DocumentOut:
    if file.content_type not in ALLOWED_TYPES:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"{file.content_type} not accepted")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "document too large")
    return await documents.upload(claim_id, file.filename or "upload", file.content_type, data, principal.user_id)


@router.post("/chunked", status_code=status.HTTP_201_CREATED)
async def begin_chunked_upload(
    claim_id: int,
    filename: Annotated[str, Query(max_length=255)],
    content_type: Annotated[str, Query()],
    total_size: Annotated[int, Query(gt=0)],
    principal: PrincipalDep,
    documents: DocumentsDep,
) -> dict[str, str]:
    if content_type not in ALLOWED_TYPES:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"{content_type} not accepted")
    return {"upload_id": documents.begin_chunked(claim_id, filename, content_type, total_size, principal.user_id)}


@router.put("/chunked/{upload_id}")
async def upload_chunk(claim_id: int, upload_id: str, request: Request, principal: PrincipalDep, documents: DocumentsDep) -> dict[str, int]:
    chunk = await request.body()
    return {"received": documents.append_chunk(upload_id, chunk)}


@router.post("/chunked/{upload_id}/complete", response_model=DocumentOut)
async def complete_chunked_upload(claim_id: int, upload_id: str, principal: PrincipalDep, documents: DocumentsDep) -> DocumentOut:
    return await documents.complete_chunked(upload_id)


@router.get("/{document_id}/preview")
async def preview_document(claim_id: int, document_id: int, principal: PrincipalDep, documents: DocumentsDep) -> Response:
    png = await documents.preview(document_id)
    return Response(content=png, media_type="image/png")


@router.delete("/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_document(claim_id: int, document_id: int, principal: PrincipalDep, documents: DocumentsDep) -> None:
    await documents.delete(document_id)
