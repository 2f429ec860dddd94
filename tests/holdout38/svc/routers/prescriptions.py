from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Header, HTTPException, status
from fastapi.responses import JSONResponse

from ..config import settings
from ..deps import prescription_service
from ..errors import NotFound
from ..schemas import PharmacyWebhookIn, PrescriptionIn
from ..security import current_principal, require_clinician
from ..services.prescriptions import PrescriptionService

router = APIRouter(prefix="/prescriptions", tags=["prescriptions"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def draft(
    body: PrescriptionIn,
    principal: dict = Depends(require_clinician),
    service: PrescriptionService = Depends(prescription_service),
) -> dict:
    rx = await service.draft(clinician_id=principal["sub"], **body.model_dump())
    return {"id": rx.id, "status": rx.status}


@router.post("/{rx_id}/send", status_code=status.HTTP_202_ACCEPTED)
async def send(
    rx_id: str,
    principal: dict = Depends(require_clinician),
    service: PrescriptionService = Depends(prescription_service),
) -> dict:
    rx = await service.repo.get(rx_id)
    if rx is None or rx.clinician_id != principal["sub"]:
        return JSONResponse({"message": "no such prescription"}, status_code=404)
    await service.queue(rx_id)
    return {"id": rx_id, "status": "queued"}


@router.get("/{rx_id}")
async def get_one(
    rx_id: str,
    principal: dict = Depends(current_principal),
    service: PrescriptionService = Depends(prescription_service),
) -> dict:
    rx = await service.repo.get(rx_id)
    if rx is None or principal["sub"] not in (rx.patient_id, rx.clinician_id):
        raise NotFound("prescription not found")
    return {"id": rx.id, "ndc": rx.drug_ndc, "status": rx.status, "pharmacy": rx.pharmacy_ncpdp}


@router.get("/mine/all")
async def mine(
    principal: dict = Depends(current_principal),
    service: PrescriptionService = Depends(prescription_service),
) -> list[dict]:
    return await service.patient_prescriptions(principal["sub"])


@router.get("/pharmacies/nearby")
async def nearby(zip_code: str, service: PrescriptionService = Depends(prescription_service)) -> list[dict]:
    return await service.suggest_pharmacies(zip_code)


@router.post("/webhooks/pharmacy", status_code=204)
async def pharmacy_webhook(
    body: PharmacyWebhookIn,
    x_signature: str = Header(...),
    service: PrescriptionService = Depends(prescription_service),
) -> None:
    expected = hmac.new(settings.pharmacy_api_key.encode(), body.networkMessageId.encode(), "sha256").hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    await service.apply_pharmacy_update(body.networkMessageId, body.status)
