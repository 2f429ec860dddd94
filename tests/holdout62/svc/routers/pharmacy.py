"""Pharmacy endpoints: dispensing, transfers, refills."""
from __future__ import annotations

from fastapi import APIRouter, Depends, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.deps import Staff, current_staff, db, require_role
from svc.repositories import inventory
from svc.schemas import DispenseIn, RefillIn, TransferIn
from svc.services import pharmacy, refills

router = APIRouter(prefix="/pharmacy", tags=["pharmacy"])


@router.post("/dispense")
async def dispense(body: DispenseIn, staff: Staff = Depends(require_role("vet", "nurse", "pharmacist"))):
    try:
        remaining = await pharmacy.dispense(staff.clinic_id, body.drug_id, body.quantity, body.reason)
    except pharmacy.OutOfStock as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"remaining": remaining}


@router.post("/transfer", status_code=status.HTTP_202_ACCEPTED)
async def transfer(body: TransferIn, staff: Staff = Depends(require_role("pharmacist"))):
    await pharmacy.transfer(body.src_clinic, body.dst_clinic, body.drug_id, body.quantity)
    return {"ok": True}


@router.get("/low-stock")
async def low_stock(staff: Staff = Depends(current_staff)):
    rows = await inventory.low_stock(staff.clinic_id)
    return [{"drug_id": r.drug_id, "quantity": r.quantity, "reorder_point": r.reorder_point} for r in rows]


@router.get("/where/{drug_id}")
async def where_stocked(drug_id: int, staff: Staff = Depends(current_staff)):
    return [{"clinic_id": c, "quantity": q} for c, q in await inventory.clinics_stocking(drug_id)]


@router.post("/refills", status_code=status.HTTP_201_CREATED)
async def request_refill(body: RefillIn, owner_id: int, session: AsyncSession = Depends(db)):
    try:
        request_id = await refills.request_refill(session, body.prescription_id, owner_id)
    except refills.RefillRefused as exc:
        return {"accepted": False, "reason": str(exc)}
    return {"accepted": True, "request_id": request_id}


@router.get("/controlled")
async def controlled(drug_ids: str, staff: Staff = Depends(require_role("pharmacist", "manager"))):
    ids = [int(x) for x in drug_ids.split(",") if x.strip().isdigit()]
    return await pharmacy.controlled_register(staff.clinic_id, ids)
