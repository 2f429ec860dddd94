from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session, require_staff
from lifeline.repositories.donors import DonorRepository
from lifeline.schemas import DonorIn, DonorOut, EligibilityOut
from lifeline.services.container import Container

router = APIRouter(prefix="/donors", tags=["donors"])


@router.post("", response_model=DonorOut, status_code=201)
async def register_donor(
    body: DonorIn,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    staff: str = Depends(require_staff),
) -> DonorOut:
    donor = await container.donors.register(DonorRepository(session), body)
    return DonorOut.model_validate(donor, from_attributes=True)


@router.get("/lookup", response_model=DonorOut)
async def lookup_donor(
    national_id: str,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    staff: str = Depends(require_staff),
) -> DonorOut:
    donor = await container.donors.lookup(DonorRepository(session), national_id)
    return DonorOut.model_validate(donor, from_attributes=True)


@router.get("/search")
async def search_donors(
    q: str = Query(min_length=2),
    page: int = Query(0, ge=0, le=50),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    staff: str = Depends(require_staff),
) -> list[dict]:
    return await container.donors.search(DonorRepository(session), q, page)


@router.get("/{donor_id}/eligibility", response_model=EligibilityOut)
async def donor_eligibility(
    donor_id: int,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> EligibilityOut:
    return await container.donors.eligibility(DonorRepository(session), donor_id)


@router.post("/{donor_id}/deferrals", status_code=204)
async def defer_donor(
    donor_id: int,
    reason: str,
    days: int | None = None,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
    staff: str = Depends(require_staff),
) -> None:
    await container.donors.defer(DonorRepository(session), donor_id, reason, days)
