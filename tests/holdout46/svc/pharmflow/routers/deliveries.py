from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..db.models import Patient, Pharmacy
from ..repositories.prescriptions import PrescriptionRepository
from ..schemas import CourierEvent, DeliveryIn
from ..security.auth import current_staff, internal_caller
from ..services.delivery import DeliveryService, UndeliverableAddress, enqueue_courier_event
from ..ws.hub import TrackingHub
from .deps import tracking_hub

router = APIRouter(tags=["deliveries"])


@router.post("/deliveries", status_code=201)
async def create_delivery(
    body: DeliveryIn,
    staff: dict[str, Any] = Depends(current_staff),
    session: AsyncSession = Depends(get_session),
    hub: TrackingHub = Depends(tracking_hub),
) -> dict[str, str]:
    rx = await PrescriptionRepository(session).get(body.prescription_id)
    if rx is None or rx.pharmacy_id != int(staff["pharmacy_id"]) or rx.status != "dispensed":
        raise HTTPException(409, "prescription is not ready for delivery")
    patient = await session.get(Patient, rx.patient_id)
    pharmacy = await session.get(Pharmacy, rx.pharmacy_id)
    address = {"street": body.street, "city": body.city, "postal_code": body.postal_code, "instructions": body.instructions}
    try:
        delivery = await DeliveryService(session, hub).schedule(rx, patient, pharmacy, address)
    except UndeliverableAddress as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"tracking_code": delivery.tracking_code}


@router.post("/webhooks/courier", status_code=202, dependencies=[Depends(internal_caller)])
async def courier_webhook(event: CourierEvent) -> dict[str, bool]:
    enqueue_courier_event(event.model_dump())
    return {"accepted": True}
