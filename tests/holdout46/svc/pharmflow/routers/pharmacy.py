from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.pbm import PBMClient
from ..db.engine import get_session
from ..db.models import Patient, Prescription
from ..redis_client import get_redis
from ..repositories.prescriptions import PrescriptionRepository
from ..schemas import BatchClaimIn, DispenseIn, PrescriptionOut
from ..security.auth import current_staff
from ..services.dispensing import DispenseBlocked, DispensingService
from ..services.pricing import FormularyService
from ..services.inventory import OutOfStock
from ..services.prescriptions import PrescriptionError, PrescriptionService
from ..services.refills import RefillDenied, RefillService
from ..services.pricing import PricingService
from ..ws.hub import PharmacyHub
from .deps import pbm, pharmacy_hub

router = APIRouter(prefix="/pharmacy", tags=["pharmacy"])


@router.post("/claim/{rx_id}", response_model=PrescriptionOut)
async def claim_prescription(
    rx_id: int,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
    hub: PharmacyHub = Depends(pharmacy_hub),
):
    pharmacy_id = int(staff["pharmacy_id"])
    try:
        rx = await PrescriptionService(session).claim(rx_id, pharmacy_id)
    except PrescriptionError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    await hub.publish(pharmacy_id, {"type": "claimed", "rx_id": rx.id})
    return rx


@router.post("/claim-batch")
async def claim_batch(
    body: BatchClaimIn,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, list[int]]:
    won = await PrescriptionService(session).claim_batch(body.prescription_ids, int(staff["pharmacy_id"]))
    return {"claimed": won}


@router.get("/queue", response_model=list[PrescriptionOut])
async def pharmacy_queue(
    after_id: int = 0,
    limit: int = 50,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
):
    limit = max(1, min(limit, 200))
    return await PrescriptionRepository(session).queue_for_pharmacy(int(staff["pharmacy_id"]), after_id=after_id, limit=limit)


@router.post("/dispense/{rx_id}")
async def dispense(
    rx_id: int,
    body: DispenseIn,
    request: Request,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, Any]:
    service = DispensingService(session, request.app.state.pbm)
    try:
        record = await service.dispense(rx_id, int(staff["sub"]), body.override_justification)
    except DispenseBlocked as exc:
        raise HTTPException(409, str(exc)) from exc
    except OutOfStock as exc:
        raise HTTPException(409, f"out of stock: {exc}") from exc
    return {"dispense_id": record.id, "lot_id": record.lot_id}


@router.get("/coverage/{rx_id}")
async def coverage(
    rx_id: int,
    request: Request,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> dict[str, Any]:
    rx = await PrescriptionRepository(session).get(rx_id)
    if rx is None or rx.pharmacy_id != int(staff["pharmacy_id"]):
        raise HTTPException(404, "prescription not found")
    patient = await session.get(Patient, rx.patient_id)
    return await FormularyService(request.app.state.formulary).coverage(patient, rx)


@router.get("/patients/{patient_id}/quote")
async def patient_quote(
    patient_id: int,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
    client: PBMClient = Depends(pbm),
) -> dict[int, str]:
    patient = await session.get(Patient, patient_id)
    if patient is None:
        raise HTTPException(404, "patient not found")
    rxs = await PrescriptionRepository(session).for_patient(patient_id)
    active = [rx for rx in rxs if rx.status in ("claimed", "pending") and rx.pharmacy_id == int(staff["pharmacy_id"])]
    quotes = await PricingService(client, get_redis()).basket(patient, active)
    return {rx_id: str(price) for rx_id, price in quotes.items()}


@router.get("/ready-for-pickup")
async def ready_for_pickup(
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
) -> list[dict[str, Any]]:
    stmt = (
        select(Prescription)
        .where(Prescription.pharmacy_id == int(staff["pharmacy_id"]), Prescription.status == "dispensed")
        .order_by(Prescription.id.desc())
        .limit(200)
    )
    rows = list(await session.scalars(stmt))
    shelf: list[dict[str, Any]] = []
    for rx in rows:
        owner = await session.get(Patient, rx.patient_id)
        shelf.append(
            {
                "rx_id": rx.id,
                "drug": rx.drug_name,
                "patient": f"{owner.last_name}, {owner.first_name}" if owner else "?",
                "birth_date": owner.birth_date.isoformat() if owner else None,
            }
        )
    return shelf


@router.post("/refill/{rx_id}", response_model=PrescriptionOut)
async def request_refill(
    rx_id: int,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
    hub: PharmacyHub = Depends(pharmacy_hub),
):
    rx = await PrescriptionRepository(session).get(rx_id)
    if rx is None:
        raise HTTPException(404, "prescription not found")
    pharmacy_id = int(staff["pharmacy_id"])
    try:
        rx = await RefillService(session).request(rx, pharmacy_id)
    except RefillDenied as exc:
        raise HTTPException(409, str(exc)) from exc
    await hub.publish(pharmacy_id, {"type": "refill_requested", "rx_id": rx.id})
    return rx
