"""Document upload and download endpoints."""
from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Depends, File, UploadFile
from fastapi.responses import Response

from svc.api.deps import Principal, current_principal, document_service, require_role
from svc.services.documents import DocumentService
from svc.services.storage import read_blob

router = APIRouter(prefix="/permits/{permit_id}/documents", tags=["documents"])
files_router = APIRouter(prefix="/documents", tags=["documents"])


@router.post("", status_code=201)
async def upload_document(
    permit_id: int,
    file: UploadFile = File(...),
    principal: Principal = Depends(current_principal),
    service: DocumentService = Depends(document_service),
) -> dict[str, Any]:
    data = await file.read()
    doc = await service.upload(
        principal.subject_id, permit_id, file.filename or "upload.bin", file.content_type or "", data
    )
    return {"id": doc["id"], "sha256": doc["sha256"], "scan_status": doc["scan_status"]}


@router.get("")
async def list_documents(
    permit_id: int,
    _: Principal = Depends(current_principal),
    service: DocumentService = Depends(document_service),
) -> list[dict[str, Any]]:
    return await service.summaries(permit_id)


@files_router.get("/{document_id}")
async def download_document(
    document_id: int,
    _: Principal = Depends(current_principal),
    service: DocumentService = Depends(document_service),
) -> Response:
    doc, data = await service.download(document_id)
    return Response(
        content=data,
        media_type=doc["content_type"],
        headers={"Content-Disposition": f'attachment; filename="{doc["filename"]}"'},
    )


@files_router.post("/{document_id}/rescan")
async def rescan_document(
    document_id: int,
    _: Principal = Depends(require_role("staff")),
    service: DocumentService = Depends(document_service),
) -> dict[str, Any]:
    result = await service.rescan(document_id)
    return {"clean": result.clean, "signature": result.signature}


@files_router.get("/archive/{path:path}")
def archived_manifest(path: str, _: Principal = Depends(require_role("records"))) -> Response:
    raw = read_blob(f"/var/lib/permits/archive/{path}/manifest.csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    return Response(content=str(len(rows)), media_type="text/plain")
