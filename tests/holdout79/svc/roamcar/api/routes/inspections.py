"""Damage inspections recorded by branch staff, with photos."""
from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, HTTPException, UploadFile

from ...services.inspections import InspectionService
from ..deps import inspection_service, require_ops
from ..schemas import DamageRequest, InspectionStart

router = APIRouter(tags=["inspections"])

MAX_PHOTO_BYTES = 12 * 1024 * 1024
ALLOWED_TYPES = ("image/jpeg", "image/png", "image/heic")


@router.post("/inspections", status_code=201)
async def start_inspection(
    body: InspectionStart,
    ops_user: str = Depends(require_ops),
    service: InspectionService = Depends(inspection_service),
) -> dict:
    inspection = await service.start(body.reservation_id, body.kind, inspector=ops_user[-6:])
    return {"id": str(inspection.id), "kind": inspection.kind}


@router.post("/inspections/{inspection_id}/photos", status_code=201)
async def upload_photo(
    inspection_id: uuid.UUID,
    file: UploadFile,
    _ops: str = Depends(require_ops),
    service: InspectionService = Depends(inspection_service),
) -> dict:
    if file.content_type not in ALLOWED_TYPES:
        raise HTTPException(status_code=415, detail="photos must be JPEG, PNG or HEIC")
    data = await file.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise HTTPException(status_code=413, detail="photo too large")
    photo = await service.add_photo(inspection_id, data)
    return {"id": str(photo.id), "key": photo.storage_key, "thumb": photo.thumb_key}


@router.delete("/inspections/{inspection_id}", status_code=204)
async def discard_inspection(
    inspection_id: uuid.UUID,
    _ops: str = Depends(require_ops),
    service: InspectionService = Depends(inspection_service),
) -> None:
    await service.discard(inspection_id)


@router.post("/inspections/{inspection_id}/damage")
async def record_damage(
    inspection_id: uuid.UUID,
    body: DamageRequest,
    _ops: str = Depends(require_ops),
    service: InspectionService = Depends(inspection_service),
) -> dict:
    charge_id = await service.record_damage(inspection_id, body.amount_cents, body.notes)
    return {"charged": charge_id is not None, "charge_id": charge_id}
