from datetime import datetime
from pathlib import Path
from uuid import UUID

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from svc.api.deps import current_principal, enforce_upload_quota, get_archive, get_document_service
from svc.clients.storage import LocalArchive
from svc.services.documents import DocumentService

router = APIRouter(tags=["documents"], dependencies=[Depends(current_principal)])


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    claim_id: UUID
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime | None = None


@router.post("/claims/{claim_id}/documents", status_code=201, dependencies=[Depends(enforce_upload_quota)])
async def upload_document(claim_id: UUID, file: UploadFile = File(...), service: DocumentService = Depends(get_document_service)) -> DocumentOut:
    return DocumentOut.model_validate(await service.upload(claim_id, file))


@router.post("/claims/{claim_id}/documents/bulk", status_code=201, dependencies=[Depends(enforce_upload_quota)])
async def upload_documents(claim_id: UUID, files: list[UploadFile] = File(...), service: DocumentService = Depends(get_document_service)) -> list[DocumentOut]:
    return [DocumentOut.model_validate(d) for d in await service.upload_many(claim_id, files)]


@router.put("/uploads/{upload_id}/chunk")
async def upload_chunk(upload_id: str, request: Request, service: DocumentService = Depends(get_document_service)) -> dict[str, int]:
    return {"received": await service.append_chunk(upload_id, await request.body())}


@router.post("/claims/{claim_id}/uploads/{upload_id}/complete", status_code=201)
async def complete_upload(claim_id: UUID, upload_id: str, filename: str, content_type: str, service: DocumentService = Depends(get_document_service)) -> DocumentOut:
    return DocumentOut.model_validate(await service.complete_chunked(claim_id, upload_id, filename, content_type))


@router.get("/claims/{claim_id}/documents/{filename}/archive")
def download_archived(claim_id: UUID, filename: str, archive: LocalArchive = Depends(get_archive)) -> Response:
    content = archive.read(claim_id, Path(filename).name)
    return Response(content=content, media_type="application/octet-stream")
