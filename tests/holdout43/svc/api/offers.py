from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, db, principal, require_role, services
from svc.services.offers import OfferError, OfferService

router = APIRouter(prefix="/offers", tags=["offers"])


class DraftIn(BaseModel):
    application_id: int
    base_salary: Decimal = Field(gt=0)


def _offers(request: Request, session: AsyncSession) -> OfferService:
    return OfferService(session, services(request).email)


@router.post("", status_code=status.HTTP_201_CREATED)
async def draft(request: Request, body: DraftIn, p: Principal = Depends(require_role("recruiter", "admin")),
                session: AsyncSession = Depends(db)):
    try:
        offer = await _offers(request, session).draft(body.application_id, body.base_salary, p.user_id)
    except OfferError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": offer.id, "status": offer.status.value}


@router.post("/{offer_id}/approve")
async def approve(request: Request, offer_id: int, p: Principal = Depends(require_role("approver", "admin")),
                  session: AsyncSession = Depends(db)):
    try:
        offer = await _offers(request, session).approve(offer_id, p.user_id)
    except OfferError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": offer.id, "status": offer.status.value, "approvals": offer.approvals_count}


@router.post("/{offer_id}/send")
async def send(request: Request, offer_id: int, p: Principal = Depends(require_role("recruiter", "admin")),
               session: AsyncSession = Depends(db)):
    try:
        await _offers(request, session).send(offer_id)
    except OfferError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": offer_id, "status": "sent"}


@router.post("/{offer_id}/accept")
async def accept(request: Request, offer_id: int, p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    try:
        await _offers(request, session).accept(offer_id)
    except OfferError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": offer_id, "status": "accepted"}
