from __future__ import annotations

import asyncio
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status

from svc.container import Services, services
from svc.deps import SessionDep, StaffDep
from svc.repositories import reservations as reservations_repo
from svc.repositories.reservations import DuplicateBooking
from svc.schemas import ReservationIn, ReservationOut
from svc.services.pricing import NoRateAvailable
from svc.services.reservations import ReservationError
from svc.ws.frontdesk_feed import feed

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/reservations", tags=["reservations"])
ServicesDep = Annotated[Services, Depends(services)]


def _out(reservation) -> ReservationOut:
    return ReservationOut(
        id=reservation.id,
        confirmation_code=reservation.confirmation_code,
        status=reservation.status,
        check_in=reservation.check_in,
        check_out=reservation.check_out,
        total_amount=reservation.total_amount,
        currency=reservation.currency,
    )


@router.post("", response_model=ReservationOut, status_code=status.HTTP_201_CREATED)
async def create_reservation(
    body: ReservationIn, session: SessionDep, svc: ServicesDep, currency: str = Query("EUR", min_length=3, max_length=3)
) -> ReservationOut:
    try:
        reservation = await svc.reservations.create(session, body, currency.upper())
    except (ReservationError, NoRateAvailable) as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    except DuplicateBooking as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "duplicate booking") from exc
    asyncio.create_task(
        svc.channel_sync.mark_dirty(body.hotel_id, body.room_type_id, [body.check_in])
    )
    return _out(reservation)


@router.get("/hotel/{hotel_id}", response_model=list[ReservationOut])
async def hotel_reservations(hotel_id: int, session: SessionDep, staff: StaffDep) -> list[ReservationOut]:
    return [_out(r) for r in await reservations_repo.list_for_hotel(session, hotel_id)]


@router.get("/code/{code}", response_model=ReservationOut)
async def by_code(code: str, session: SessionDep, staff: StaffDep) -> ReservationOut:
    reservation = await reservations_repo.get_by_code(session, code.upper())
    if reservation is None:
        raise HTTPException(404, "not found")
    return _out(reservation)


@router.post("/{reservation_id}/cancel", response_model=ReservationOut)
async def cancel(reservation_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep) -> ReservationOut:
    try:
        return _out(await svc.reservations.cancel(session, reservation_id))
    except ReservationError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post("/{reservation_id}/reinstate", response_model=ReservationOut)
async def reinstate(reservation_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep) -> ReservationOut:
    return _out(await svc.reservations.reinstate(session, reservation_id))


@router.post("/{reservation_id}/check-in", response_model=ReservationOut)
async def check_in(
    reservation_id: int, room_id: int, session: SessionDep, svc: ServicesDep, staff: StaffDep
) -> ReservationOut:
    try:
        reservation = await svc.reservations.check_in(session, reservation_id, room_id)
    except ReservationError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    feed.publish(reservation.hotel_id, {"type": "checked_in", "reservation": reservation.id, "room": room_id})
    return _out(reservation)
