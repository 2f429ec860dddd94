"""Reservation endpoints for guests and front desk."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, EmailStr, Field

from svc.api.deps import get_promo_service, get_reservation_repo, get_reservation_service, guest_from_link
from svc.repos.reservations import ReservationRepository
from svc.services.operations import PromoService
from svc.services.reservations import BookingRequest, ReservationService

router = APIRouter(prefix="/reservations")


class BookingIn(BaseModel):
    room_id: int
    guest_id: int
    email: EmailStr
    check_in: date
    check_out: date
    total: Decimal = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)
    card_token: str
    promo_code: str | None = None


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_reservation(
    body: BookingIn,
    service: ReservationService = Depends(get_reservation_service),
    promos: PromoService = Depends(get_promo_service),
) -> dict:
    if body.check_out <= body.check_in:
        raise HTTPException(status_code=422, detail="check_out must be after check_in")
    if body.promo_code:
        await promos.redeem(body.promo_code, limit=100)
    req = BookingRequest(body.room_id, body.guest_id, body.email, body.check_in, body.check_out, body.total,
                         body.currency, body.card_token)
    return await service.book(req)


@router.post("/{reservation_id}/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def confirm_reservation(reservation_id: int, service: ReservationService = Depends(get_reservation_service)) -> None:
    await service.confirm(reservation_id)


@router.post("/{reservation_id}/cancel", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_reservation(
    reservation_id: int, reason: str = "guest_request", service: ReservationService = Depends(get_reservation_service)
) -> None:
    await service.cancel(reservation_id, reason)


@router.get("/mine")
async def my_reservations(
    email: EmailStr, _token: str = Depends(guest_from_link), service: ReservationService = Depends(get_reservation_service)
) -> list[dict]:
    return await service.lookup_for_guest(email)


@router.get("/by-guest/{guest_id}")
async def by_guest(guest_id: int, repo: ReservationRepository = Depends(get_reservation_repo)) -> list[dict]:
    return [dict(r) for r in await repo.by_guest(guest_id)]


@router.get("/lookup")
async def lookup_code(fragment: str, repo: ReservationRepository = Depends(get_reservation_repo)) -> list[dict]:
    return [dict(r) for r in await repo.search_by_code_fragment(fragment)]
