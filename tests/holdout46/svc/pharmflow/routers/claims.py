from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.pbm import PBMClient
from ..db.engine import get_session
from ..db.models import Patient, Pharmacy
from ..repositories.prescriptions import PrescriptionRepository
from ..security.auth import current_staff
from ..services.claims import ClaimService
from ..services.claims import EligibilityService
from ..services.reconciliation import parse_835
from .deps import pbm

log = logging.getLogger(__name__)
router = APIRouter(prefix="/claims", tags=["claims"])

MAX_REMIT_BYTES = 100 * 1024 * 1024


@router.post("/{rx_id}/resubmit")
async def resubmit_claim(
    rx_id: int,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
    client: PBMClient = Depends(pbm),
) -> dict[str, Any]:
    rx = await PrescriptionRepository(session).get(rx_id)
    if rx is None or rx.pharmacy_id != int(staff["pharmacy_id"]):
        raise HTTPException(404, "prescription not found")
    patient = await session.get(Patient, rx.patient_id)
    pharmacy = await session.get(Pharmacy, rx.pharmacy_id)
    try:
        claim = await ClaimService(session, client).adjudicate(rx, patient, pharmacy, Decimal("0"))
    except Exception as exc:
        return {"status": "error", "detail": str(exc)}
    return {"status": claim.status, "claim_id": claim.id, "patient_pay": str(claim.patient_pay or "0")}


@router.get("/eligibility/{patient_id}")
async def eligibility(
    patient_id: int,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
    client: PBMClient = Depends(pbm),
) -> dict[str, Any]:
    patient = await session.get(Patient, patient_id)
    if patient is None:
        raise HTTPException(404, "patient not found")
    result = await EligibilityService(client).check(patient)
    if result is None:
        return {"verified": False}
    return {"verified": True, "active": result.active, "tier": result.copay_tier, "deductible_remaining": str(result.deductible_remaining)}


@router.post("/remittance/preview")
async def preview_remittance(file: UploadFile, staff: dict[str, Any] = Depends(current_staff)) -> dict[str, Any]:
    raw = await file.read(MAX_REMIT_BYTES + 1)
    if len(raw) > MAX_REMIT_BYTES:
        raise HTTPException(413, "remittance file too large")
    lines = await asyncio.to_thread(parse_835, raw.decode("latin-1"))
    paid = sum((l.paid for l in lines), Decimal("0"))
    return {"lines": len(lines), "paid_total": str(paid)}
