"""Insurance card upload endpoints (chunked)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from svc.services.uploads import uploads

router = APIRouter(prefix="/uploads/insurance-card", tags=["uploads"])


@router.post("")
async def begin_upload() -> dict:
    return {"upload_id": uploads.begin()}


@router.put("/{upload_id}")
async def upload_chunk(upload_id: str, request: Request) -> dict:
    body = await request.body()
    if len(body) > 256 * 1024:
        return {"error": "chunk too large"}
    return {"chunks": uploads.append(upload_id, body)}


@router.post("/{upload_id}/complete")
async def complete_upload(upload_id: str) -> dict:
    blob, digest = uploads.finish(upload_id)
    return {"size": len(blob), "sha256": digest}
