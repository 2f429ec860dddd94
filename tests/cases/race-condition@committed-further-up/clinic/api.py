from decimal import Decimal

import httpx
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from .db import SessionFactory, db_session, readonly_session
from .repository import ClinicRepository
from .service import CreditService, ReferralService

app = FastAPI()
router = APIRouter()
client = httpx.AsyncClient(timeout=5)


def clinic_repo(session: AsyncSession = Depends(db_session)) -> ClinicRepository:
    return ClinicRepository(session)


def readonly_repo(session: AsyncSession = Depends(readonly_session)) -> ClinicRepository:
    return ClinicRepository(session)


@router.post("/referrals/{referral_id}/sign")
async def sign(referral_id: int, repo: ClinicRepository = Depends(clinic_repo)) -> dict:
    return {"signatures": await ReferralService(repo, client).sign(referral_id)}


@router.post("/referrals/{referral_id}/sign-locked")
async def sign_locked(referral_id: int, repo: ClinicRepository = Depends(clinic_repo)) -> dict:
    return {"signatures": await ReferralService(repo, client).sign_locked(referral_id)}


@router.get("/referrals/{referral_id}/preview")
async def preview(referral_id: int, repo: ClinicRepository = Depends(readonly_repo)) -> dict:
    return {"signatures": await ReferralService(repo, client).preview(referral_id)}


@router.post("/patients/{patient_id}/credit")
async def top_up(patient_id: int, amount: Decimal) -> None:
    async with SessionFactory() as session:
        await CreditService(ClinicRepository(session)).top_up(patient_id, amount)
        await session.commit()


@router.post("/days/close")
async def close_day(patient_ids: list[int]) -> None:
    async with SessionFactory() as session:
        await CreditService(ClinicRepository(session)).close_day(patient_ids)
        await session.commit()


app.include_router(router)
