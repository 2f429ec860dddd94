from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile, status
from fastapi.responses import RedirectResponse

from lexdesk.api.deps import ContainerDep, PrincipalDep, RateLimit
from lexdesk.schemas import ShareLinkIn

router = APIRouter(tags=["documents"])

ALLOWED_TYPES = frozenset({"application/pdf", "image/tiff", "image/png", "image/jpeg"})


@router.post("/matters/{matter_id}/documents", status_code=status.HTTP_201_CREATED)
async def upload_document(matter_id: int, principal: PrincipalDep, container: ContainerDep, file: UploadFile = File(...)) -> dict:
    content_type = file.content_type or "application/octet-stream"
    if content_type not in ALLOWED_TYPES:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"{content_type} is not accepted")
    data = await file.read(container.settings.max_upload_bytes + 1)
    if len(data) > container.settings.max_upload_bytes:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "file too large")
    doc, created = await container.documents.upload(principal, matter_id, file.filename or "upload.pdf", content_type, data)
    return {"id": doc.id, "sha256": doc.sha256, "duplicate": not created}


@router.get("/documents/{document_id}/download")
async def download_document(document_id: int, principal: PrincipalDep, container: ContainerDep) -> RedirectResponse:
    url = await container.documents.download_url(principal, document_id)
    return RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)


@router.post("/documents/{document_id}/share", dependencies=[Depends(RateLimit("share", 20))])
async def share_document(document_id: int, payload: ShareLinkIn, principal: PrincipalDep, container: ContainerDep) -> dict:
    token = await container.documents.create_share_link(principal, document_id, payload.password, payload.ttl_hours)
    return {"token": token, "expires_in_hours": payload.ttl_hours}


@router.get("/documents/search")
async def search_documents(q: str, principal: PrincipalDep, container: ContainerDep) -> list[dict]:
    return await container.documents.search(principal, q)


@router.get("/documents/quick-search")
async def quick_search_documents(term: str, principal: PrincipalDep, container: ContainerDep) -> list[dict]:
    if len(term.strip()) < 3:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "search term too short")
    return await container.documents.quick_search(principal, term)
