from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse

from ..config import is_enabled
from ..deps import booking_service, eligibility_service, slot_holds
from ..errors import NotFound
from ..schemas import BookingOut, ConfirmIn, HoldIn, HoldOut, RescheduleIn
from ..security import booking_attempt_guard, current_principal
from ..services.booking import BookingService, SlotHoldService
from ..services.eligibility import EligibilityService
from ..utils.documents import render_superbill, render_visit_summary_async

router = APIRouter(prefix="/appointments", tags=["appointments"])


@router.post("/holds", response_model=HoldOut, dependencies=[Depends(booking_attempt_guard)])
async def hold(
    body: HoldIn,
    principal: dict = Depends(current_principal),
    holds: SlotHoldService = Depends(slot_holds),
) -> HoldOut:
    granted = await holds.hold(body.slot_id, principal["sub"])
    return HoldOut(slot_id=granted.slot_id, hold_token=granted.token, expires_in=granted.ttl_seconds)


@router.post("", response_model=BookingOut)
async def confirm(
    body: ConfirmIn,
    principal: dict = Depends(current_principal),
    booking: BookingService = Depends(booking_service),
    eligibility: EligibilityService = Depends(eligibility_service),
) -> BookingOut:
    if is_enabled("eligibility_required"):
        patient = await booking.patients.get(principal["sub"])
        await eligibility.verify_for_booking(patient)
    result = await booking.confirm(principal["sub"], body.slot_id, body.hold_token, body.reason)
    return BookingOut(appointment_id=result.appointment_id, confirmation_code=result.confirmation_code)


@router.delete("/{appointment_id}", status_code=204)
async def cancel(
    appointment_id: str,
    principal: dict = Depends(current_principal),
    booking: BookingService = Depends(booking_service),
) -> None:
    await booking.cancel(appointment_id, principal["sub"])


@router.post("/{appointment_id}/reschedule", response_model=BookingOut)
async def reschedule(
    appointment_id: str,
    body: RescheduleIn,
    principal: dict = Depends(current_principal),
    booking: BookingService = Depends(booking_service),
) -> BookingOut:
    result = await booking.reschedule(appointment_id, body.new_slot_id, body.hold_token, principal["sub"])
    return BookingOut(appointment_id=result.appointment_id, confirmation_code=result.confirmation_code)


async def _document_context(booking: BookingService, appointment_id: str, patient_id: str) -> dict[str, str]:
    appointment = await booking.appointments.get(appointment_id)
    if appointment is None or appointment.patient_id != patient_id:
        raise NotFound("appointment not found")
    slot = await booking.appointments.slot_for(appointment)
    clinician = await booking.clinicians.get(appointment.clinician_id)
    return {
        "appointment_id": appointment.id,
        "clinician": clinician.full_name,
        "npi": clinician.npi,
        "date": slot.starts_at.date().isoformat(),
        "reason": appointment.reason or "",
    }


@router.get("/{appointment_id}/summary", response_class=PlainTextResponse)
async def visit_summary(
    appointment_id: str,
    principal: dict = Depends(current_principal),
    booking: BookingService = Depends(booking_service),
) -> str:
    context = await _document_context(booking, appointment_id, principal["sub"])
    return await render_visit_summary_async(context)


@router.get("/{appointment_id}/superbill", response_class=PlainTextResponse)
async def superbill(
    appointment_id: str,
    principal: dict = Depends(current_principal),
    booking: BookingService = Depends(booking_service),
) -> str:
    context = await _document_context(booking, appointment_id, principal["sub"])
    return render_superbill(context)
