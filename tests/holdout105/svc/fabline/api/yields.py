"""Yield endpoints: metrology CSV uploads and reports."""
from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from pydantic import BaseModel

from fabline.core.container import Container
from fabline.core.deps import get_container
from fabline.core.security import require_operator
from fabline.utils.csvutil import write_bytes

router = APIRouter(prefix="/yield", tags=["yield"])
MAX_UPLOAD = 64 * 1024 * 1024


class RemoteImport(BaseModel):
    export_ids: list[str]


@router.post("/uploads")
async def upload_metrology_csv(
    file: UploadFile = File(...),
    user: str = Depends(require_operator),
    container: Container = Depends(get_container),
) -> dict:
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, "upload too large")
    dest = Path(container.settings.upload_dir) / f"{uuid.uuid4()}.csv"
    await asyncio.to_thread(write_bytes, dest, data)
    result = await container.yields.ingest_file(dest)
    return {**result, "uploaded_by": user}


@router.post("/imports")
async def import_remote(
    body: RemoteImport, user: str = Depends(require_operator), container: Container = Depends(get_container)
) -> list[dict]:
    if len(body.export_ids) > 50:
        raise HTTPException(422, "at most 50 exports per import")
    return await container.yields.ingest_remote(body.export_ids)


@router.get("/lots/{lot_id}/wafers")
async def wafer_report(lot_id: int, container: Container = Depends(get_container)) -> list[dict]:
    return await container.yields.wafer_report(lot_id)


@router.get("/lots/{lot_id}")
async def lot_summary(lot_id: int, container: Container = Depends(get_container)) -> dict:
    return await container.yields.lot_summary(lot_id)
