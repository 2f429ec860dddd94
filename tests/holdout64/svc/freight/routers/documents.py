from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi.responses import FileResponse

from ..deps import current_carrier, current_shipper, get_services
from ..models import Carrier, Load, Shipper, Tender
from ..utils import documents as storage

router = APIRouter(prefix="/documents", tags=["documents"])

MAX_POD_BYTES = 15 * 1024 * 1024


@router.post("/loads/{load_id}/pod", status_code=201)
async def upload_pod(load_id: uuid.UUID, file: UploadFile = File(...), carrier: Carrier = Depends(current_carrier),
                     services=Depends(get_services)):
    async with services.sessions() as session:
        load = await session.get(Load, load_id)
    if load is None or load.carrier_id != carrier.id:
        raise HTTPException(404, "load not found")
    data = await file.read(MAX_POD_BYTES + 1)
    if len(data) > MAX_POD_BYTES:
        raise HTTPException(413, "proof of delivery too large")
    path = await asyncio.to_thread(storage.write_blob, f"pod/{load.reference}/{file.filename}", data)
    await services.notifications.publish_load_event(load_id, "pod_uploaded", {"path": Path(path).name})
    return {"stored": Path(path).name}


@router.get("/tenders/{tender_id}/rate-confirmation")
async def rate_confirmation(tender_id: uuid.UUID, shipper: Shipper = Depends(current_shipper),
                            services=Depends(get_services)):
    async with services.sessions() as session:
        tender = await session.get(Tender, tender_id)
        load = await session.get(Load, tender.load_id) if tender else None
    if tender is None or load is None or load.shipper_id != shipper.id or not tender.rate_conf_path:
        raise HTTPException(404, "rate confirmation not found")
    return FileResponse(tender.rate_conf_path, media_type="application/pdf", filename=f"{load.reference}.pdf")
