"""Bill of lading uploads."""
from __future__ import annotations

import logging

from fastapi import APIRouter, BackgroundTasks, Depends, File, HTTPException, UploadFile, status
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.db.engine import get_session, sessionmaker
from freightline.deps import Principal, require, services
from freightline.services.documents import MAX_UPLOAD_BYTES, DocumentRejected

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/loads/{load_id}/documents", tags=["documents"])


async def _ocr_in_background(svc, document_id: int, filename: str, content_type: str) -> None:
    async with sessionmaker()() as session:
        await svc.documents(session).run_ocr(document_id, filename, content_type)


@router.post("/bol", status_code=status.HTTP_201_CREATED)
async def upload_bol(
    load_id: int,
    background: BackgroundTasks,
    file: UploadFile = File(...),
    principal: Principal = Depends(require("carrier")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> dict:
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    try:
        doc = await svc.documents(session).upload_bol(load_id, file.filename or "bol", file.content_type or "", content)
    except DocumentRejected as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    background.add_task(_ocr_in_background, svc, doc.id, file.filename or "bol", file.content_type or "")
    return {"document_id": doc.id, "status": doc.status}


@router.get("")
async def list_documents(
    load_id: int,
    principal: Principal = Depends(require("shipper")),
    session: AsyncSession = Depends(get_session),
    svc=Depends(services),
) -> list[dict]:
    return await svc.documents(session).download_url(load_id)
