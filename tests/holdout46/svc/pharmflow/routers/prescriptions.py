from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import get_settings
from ..db.engine import get_session
from ..db.models import Prescriber
from ..repositories.prescriptions import PrescriptionRepository
from ..schemas import PrescriptionIn, PrescriptionOut
from ..security.auth import current_prescriber
from ..services.prescriptions import NewPrescription, PrescriptionError, PrescriptionService

router = APIRouter(prefix="/prescriptions", tags=["prescriptions"])


@router.post("", response_model=PrescriptionOut, status_code=201)
async def submit_prescription(
    body: PrescriptionIn,
    prescriber: Prescriber = Depends(current_prescriber),
    session: AsyncSession = Depends(get_session),
):
    service = PrescriptionService(session, per_minute=get_settings().submit_rate_per_minute)
    try:
        rx = await service.submit(prescriber, NewPrescription(**body.model_dump()))
    except PrescriptionError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
    return rx


@router.get("/search", response_model=list[PrescriptionOut])
async def search_prescriptions(
    q: str = Query(min_length=3),
    prescriber: Prescriber = Depends(current_prescriber),
    session: AsyncSession = Depends(get_session),
):
    results = await PrescriptionService(session).search(q)
    return [rx for rx in results if rx.prescriber_id == prescriber.id]


@router.get("/{rx_id}", response_model=None)
async def get_prescription(
    rx_id: int,
    prescriber: Prescriber = Depends(current_prescriber),
    session: AsyncSession = Depends(get_session),
):
    rx = await PrescriptionRepository(session).get(rx_id)
    if rx is None or rx.prescriber_id != prescriber.id:
        return {"error": "prescription not found"}
    return PrescriptionOut.model_validate(rx)


@router.post("/{rx_id}/cancel", response_model=PrescriptionOut)
async def cancel_prescription(
    rx_id: int,
    reason: str = Query(max_length=200),
    prescriber: Prescriber = Depends(current_prescriber),
    session: AsyncSession = Depends(get_session),
):
    try:
        return await PrescriptionService(session).cancel(rx_id, f"prescriber:{prescriber.id}", reason)
    except PrescriptionError as exc:
        raise HTTPException(exc.status_code, str(exc)) from exc
