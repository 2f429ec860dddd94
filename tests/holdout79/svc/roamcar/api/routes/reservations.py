"""Customer booking endpoints and the counter (ops) pickup/return flow."""
from __future__ import annotations

import logging
import uuid

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from ...cache import VehicleBusy
from ...db import get_session
from ...models import Customer
from ...repositories import ReservationRepository
from ...services.errors import CannotCancel, QuoteExpired, ReservationNotFound, SlotTaken
from ...services.reservations import ReservationService
from ..deps import current_customer, require_ops, reservation_service
from ..schemas import ExtendRequest, ReservationCreate, ReservationOut, ReturnRequest

logger = logging.getLogger(__name__)
router = APIRouter(tags=["reservations"])


@router.post("/reservations", status_code=201, response_model=ReservationOut)
async def create_reservation(
    body: ReservationCreate,
    customer: Customer = Depends(current_customer),
    service: ReservationService = Depends(reservation_service),
) -> ReservationOut:
    try:
        reservation = await service.create(customer, body.quote_id, body.card_token)
    except QuoteExpired as exc:
        raise HTTPException(status_code=410, detail="quote expired, please search again") from exc
    except (SlotTaken, VehicleBusy) as exc:
        raise HTTPException(status_code=409, detail="that car was just booked") from exc
    return ReservationOut.from_model(reservation)


@router.get("/reservations/{res_id}")
async def get_reservation(
    res_id: uuid.UUID,
    customer: Customer = Depends(current_customer),
    session: AsyncSession = Depends(get_session),
):
    reservation = await ReservationRepository(session).get(res_id)
    if reservation is None or reservation.customer_id != customer.id:
        return {"error": "reservation not found"}
    return ReservationOut.from_model(reservation)


@router.get("/reservations", response_model=list[ReservationOut])
async def my_reservations(
    customer: Customer = Depends(current_customer), session: AsyncSession = Depends(get_session)
) -> list[ReservationOut]:
    rows = await ReservationRepository(session).recent_for_customer(customer.id)
    return [ReservationOut.from_model(r) for r in rows]


@router.post("/reservations/{res_id}/cancel", response_model=ReservationOut)
async def cancel_reservation(
    res_id: uuid.UUID,
    customer: Customer = Depends(current_customer),
    service: ReservationService = Depends(reservation_service),
) -> ReservationOut:
    try:
        reservation = await service.cancel(res_id, customer)
    except ReservationNotFound:
        raise HTTPException(status_code=404, detail="reservation not found") from None
    except CannotCancel as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return ReservationOut.from_model(reservation)


@router.post("/reservations/{res_id}/extend", response_model=ReservationOut)
async def extend_reservation(
    res_id: uuid.UUID,
    body: ExtendRequest,
    customer: Customer = Depends(current_customer),
    service: ReservationService = Depends(reservation_service),
) -> ReservationOut:
    try:
        reservation = await service.extend(res_id, body.new_end)
    except (SlotTaken, VehicleBusy):
        logger.info("extension of %s refused: vehicle not free", reservation_id)
        raise HTTPException(status_code=409, detail="the car is booked after your rental") from None
    return ReservationOut.from_model(reservation)


@router.post("/ops/reservations/{res_id}/pickup", response_model=ReservationOut)
async def counter_pickup(
    res_id: uuid.UUID,
    _ops: str = Depends(require_ops),
    service: ReservationService = Depends(reservation_service),
) -> ReservationOut:
    return ReservationOut.from_model(await service.assign_at_pickup(res_id))


@router.post("/ops/reservations/{res_id}/return", response_model=ReservationOut)
async def counter_return(
    res_id: uuid.UUID,
    body: ReturnRequest,
    _ops: str = Depends(require_ops),
    service: ReservationService = Depends(reservation_service),
) -> ReservationOut:
    reservation = await service.close_rental(
        res_id, returned_at=body.returned_at, fuel_in_pct=body.fuel_in_pct, return_branch_id=body.return_branch_id
    )
    return ReservationOut.from_model(reservation)
