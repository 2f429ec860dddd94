"""Sample lookup for lab staff and clinics."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from fastapi import APIRouter, Depends, HTTPException, Query, status

from ..db.pg import connection
from ..repos.delivery_repo import DeliveryRepo
from ..repos.samples_repo import SamplesRepo
from ..security import ClinicPrincipal, StaffPrincipal, authenticate_clinic_key, current_staff

router = APIRouter(prefix="/v1/samples", tags=["samples"])


@router.get("/by-accession/{accession_no}")
async def get_sample(accession_no: str, staff: StaffPrincipal = Depends(current_staff)) -> dict:
    async with connection() as conn:
        sample = await SamplesRepo(conn).get_by_accession(accession_no)
        if sample is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such accession")
        deliveries = await DeliveryRepo(conn).for_sample(sample.id)
    return {"sample": sample.__dict__, "deliveries": deliveries}


@router.get("/received")
async def received_on_day(
    day: date,
    principal: ClinicPrincipal = Depends(authenticate_clinic_key),
) -> list[dict]:
    async with connection() as conn:
        samples = await SamplesRepo(conn).received_on(day, principal.clinic_id)
    return [{"accession_no": s.accession_no, "status": s.status, "received_at": s.received_at} for s in samples]


@router.get("/recent")
async def recent_samples(
    hours: int = Query(24, ge=1, le=168),
    principal: ClinicPrincipal = Depends(authenticate_clinic_key),
) -> list[dict]:
    until = datetime.now(timezone.utc)
    async with connection() as conn:
        samples = await SamplesRepo(conn).list_for_clinic(principal.clinic_id, until - timedelta(hours=hours), until)
    return [{"accession_no": s.accession_no, "status": s.status} for s in samples]
