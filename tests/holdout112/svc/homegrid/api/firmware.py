from __future__ import annotations

import os
import shutil
import tempfile
from uuid import UUID

from fastapi import APIRouter, Depends, File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from homegrid.api.deps import firmware_uploads_enabled, get_container, require_admin
from homegrid.container import Container
from homegrid.errors import Forbidden
from homegrid.models import Campaign, CampaignCreate, FirmwareImage
from homegrid.models import Principal

router = APIRouter(prefix="/v1/firmware", tags=["firmware"])


def _spool_upload(upload: UploadFile) -> str:
    fd, path = tempfile.mkstemp(suffix=".bin")
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(upload.file, out)
    return path


@router.post("/images", response_model=FirmwareImage, status_code=201)
async def upload_image(
    model: str = Form(...),
    version: str = Form(...),
    image: UploadFile = File(...),
    enabled: bool = Depends(firmware_uploads_enabled),
    container: Container = Depends(get_container),
) -> FirmwareImage:
    if not enabled:
        raise Forbidden("firmware uploads are disabled")
    path = await run_in_threadpool(_spool_upload, image)
    try:
        return await container.firmware.register_upload(model, version, path)
    finally:
        await run_in_threadpool(os.unlink, path)


@router.post("/images/import", response_model=FirmwareImage, status_code=201)
async def import_image(
    model: str,
    version: str,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> FirmwareImage:
    return await container.firmware.import_from_cdn(model, version)


@router.post("/campaigns", response_model=Campaign, status_code=201)
async def create_campaign(
    data: CampaignCreate,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> Campaign:
    return await container.firmware.create_campaign(data)


@router.post("/campaigns/{campaign_id}/start")
async def start_campaign(
    campaign_id: UUID,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> dict[str, str]:
    await container.firmware.start(campaign_id)
    return {"status": "running"}


@router.post("/campaigns/{campaign_id}/pause")
async def pause_campaign(
    campaign_id: UUID,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> dict[str, str]:
    await container.firmware.pause(campaign_id)
    return {"status": "paused"}


@router.get("/campaigns/{campaign_id}/progress")
async def campaign_progress(
    campaign_id: UUID,
    _: Principal = Depends(require_admin),
    container: Container = Depends(get_container),
) -> dict[str, int | float]:
    return await container.firmware.progress(campaign_id)
