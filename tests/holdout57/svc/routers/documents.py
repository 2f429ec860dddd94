from __future__ import annotations

import hashlib
import hmac
import json
import logging

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile, status

from svc.infra.ratelimit import DownloadQuota, RateLimited
from svc.repositories.documents import DocumentRepository
from svc.routers.deps import portal_claimant, require_role, services
from svc.utils.security import Principal

log = logging.getLogger(__name__)

router = APIRouter(tags=["documents"])


@router.post("/claims/{claim_number}/documents", status_code=201)
async def upload_document(
    claim_number: str,
    kind: str = Form(pattern="^(photo|document)$"),
    file: UploadFile = File(...),
    svc=Depends(services),
    _: Principal = Depends(require_role("adjuster", "claimant")),
):
    data = await file.read(svc.settings.max_upload_bytes + 1)
    result = await svc.documents.attach(claim_number, kind, file.filename or "upload", data)
    return {"document_id": result.document_id, "duplicate_of": result.duplicate_of}


@router.post("/portal/documents", status_code=201)
async def portal_upload(
    request: Request,
    kind: str = Form(pattern="^(photo|document)$"),
    file: UploadFile = File(...),
    claim_number: str = Depends(portal_claimant),
    svc=Depends(services),
):
    await svc.upload_limiter.hit(claim_number)
    data = await file.read(svc.settings.max_upload_bytes + 1)
    result = await svc.documents.attach(claim_number, kind, file.filename or "upload", data)
    return {"document_id": result.document_id}


@router.get("/documents/{document_id}/download")
async def download(document_id: int, claim_number: str = Depends(portal_claimant), svc=Depends(services)):
    quota = DownloadQuota(svc.redis, daily_limit=200)
    try:
        remaining = await quota.consume(claim_number)
    except RateLimited as exc:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(exc)) from exc
    url = await svc.documents.download_url(document_id)
    return {"url": url, "remaining_today": remaining}


@router.post("/documents/ocr-callback", status_code=204)
async def ocr_callback(request: Request, svc=Depends(services)):
    raw = await request.body()
    signature = request.headers.get("X-Ocr-Signature", "")
    expected = hmac.new(svc.settings.jwt_secret.encode(), raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    try:
        payload = json.loads(raw)
        job_id = payload["job_id"]
        text = payload.get("text", "")
    except:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "malformed callback")
    async with svc.db.transaction() as session:
        repo = DocumentRepository(session)
        document = await repo.by_job(job_id)
        if document is None:
            log.warning("OCR callback for unknown job %s", job_id)
            return
        await repo.mark_ocr(document.id, "done", text=text)
    log.info("OCR complete for document %s (%d chars)", document.id, len(text))


@router.get("/claims/{claim_number}/duplicates")
async def duplicate_photos(
    claim_number: str, svc=Depends(services), _: Principal = Depends(require_role("adjuster", "supervisor"))
):
    return {"pairs": await svc.documents.find_duplicates(claim_number)}
