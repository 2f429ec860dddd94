from __future__ import annotations

import json

from fastapi import APIRouter, Depends, HTTPException

from svc.deps import SessionDep, StaffDep, services
from svc.repositories import prescriptions_repo
from svc.services.pharmacy import RefillRejected

router = APIRouter(prefix="/pharmacy", tags=["pharmacy"])


@router.get("/prescriptions/{prescription_id}")
async def get_prescription(prescription_id: int, session: SessionDep, staff: StaffDep) -> dict:
    rx = await prescriptions_repo.get_prescription(session, prescription_id)
    if rx is None:
        raise HTTPException(status_code=404, detail="prescription not found")
    return {"id": rx.id, "drug": rx.drug_code, "dose": rx.dose, "refills_remaining": rx.refills_remaining}


@router.post("/prescriptions/{prescription_id}/refill-requests", status_code=201)
async def request_refill(prescription_id: int, session: SessionDep, svc=Depends(services)) -> dict:
    try:
        req = await svc.pharmacy.request_refill(session, prescription_id)
    except RefillRejected as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"request_id": req.id, "status": req.status}


@router.post("/refill-requests/{request_id}/approve")
async def approve_refill(request_id: int, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    if staff.get("role") != "vet":
        raise HTTPException(status_code=403, detail="only vets approve refills")
    try:
        return await svc.pharmacy.approve_refill(session, request_id, int(staff["sub"]))
    except RefillRejected as exc:
        return {"error": str(exc)}


@router.post("/prescriptions/{prescription_id}/auto-refill")
async def queue_auto_refill(prescription_id: int, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    rx = await prescriptions_repo.get_prescription(session, prescription_id)
    if rx is None:
        raise HTTPException(status_code=404, detail="prescription not found")
    label = f"{rx.drug_code}\n{rx.dose}\nRx {rx.id}"
    await svc.redis.rpush("pharmacy:auto-refills", json.dumps({"prescription_id": rx.id, "label": label}))
    return {"queued": True}


@router.get("/refill-requests/pending")
async def pending(session: SessionDep, staff: StaffDep) -> list[dict]:
    reqs = await prescriptions_repo.pending_refills(session)
    rxs = await prescriptions_repo.prescriptions_by_ids(session, [r.prescription_id for r in reqs])
    return [
        {"request_id": r.id, "drug": rxs[r.prescription_id].drug_code, "requested_at": r.requested_at.isoformat()}
        for r in reqs
        if r.prescription_id in rxs
    ]
