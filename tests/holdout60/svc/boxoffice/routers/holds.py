from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from ..security import Principal, current_principal
from ..services.holds import HoldError, SeatsUnavailable

router = APIRouter(prefix="/events/{event_id}/holds", tags=["holds"])


class HoldRequest(BaseModel):
    seat_ids: list[int] = Field(min_length=1, max_length=10)


class HoldResponse(BaseModel):
    hold_ids: list[uuid.UUID]
    seat_ids: list[int]
    expires_in: int


@router.post("", response_model=HoldResponse, status_code=201)
async def create_hold(
    event_id: int, body: HoldRequest, request: Request, principal: Principal = Depends(current_principal)
) -> HoldResponse:
    try:
        result = await request.app.state.holds.hold_seats(event_id, principal.subject, body.seat_ids)
    except SeatsUnavailable as exc:
        raise HTTPException(status_code=409, detail={"unavailable": sorted(exc.seats)}) from exc
    except HoldError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return HoldResponse(hold_ids=result.hold_ids, seat_ids=result.seat_ids, expires_in=result.ttl_seconds)


@router.delete("/{hold_id}", status_code=204)
async def release_hold(
    event_id: int, hold_id: uuid.UUID, request: Request, principal: Principal = Depends(current_principal)
) -> None:
    released = await request.app.state.holds.release(event_id, hold_id, principal.subject)
    if not released:
        raise HTTPException(status_code=404, detail="hold not found")


@router.post("/extend")
async def extend_holds(event_id: int, request: Request, principal: Principal = Depends(current_principal)) -> dict:
    extended = await request.app.state.holds.extend(principal.subject, event_id)
    return {"extended": extended}
