from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from seqcore.api.auth import Principal, require_principal, require_staff
from seqcore.api.deps import delivery_service
from seqcore.schemas import DeliveryOut
from seqcore.services.delivery import DeliveryService

router = APIRouter(prefix="/deliveries", tags=["deliveries"])


@router.post("/{lab_id}/{run_id}", response_model=DeliveryOut, status_code=201)
async def deliver(lab_id: uuid.UUID, run_id: uuid.UUID, _: Principal = Depends(require_staff),
                  service: DeliveryService = Depends(delivery_service)) -> DeliveryOut:
    return await service.deliver_run(lab_id, run_id)


@router.get("/{run_id}/urls")
async def refresh_urls(run_id: uuid.UUID, principal: Principal = Depends(require_principal),
                       service: DeliveryService = Depends(delivery_service)) -> dict:
    return {"urls": await service.refresh_urls(principal.lab_id, run_id)}
