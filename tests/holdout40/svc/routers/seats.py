from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..security import Principal, current_principal
from ..services.holds import HoldService
from ..services.inventory import InventoryService
from ..utils.common import utcnow

router = APIRouter(tags=["seats"])


class HoldRequest(BaseModel):
    seat_no: str = Field(pattern=r"^\d{1,2}[A-K]$")
    passenger_id: int


class ConfirmRequest(BaseModel):
    booking_id: int


def _inventory(request: Request) -> InventoryService:
    return request.app.state.inventory


def _holds(request: Request) -> HoldService:
    return request.app.state.holds


@router.get("/flights/{flight_id}/seatmap")
async def seatmap(flight_id: int, inventory: InventoryService = Depends(_inventory)) -> dict:
    seats = await inventory.seatmap(flight_id, utcnow())
    return {"flight_id": flight_id, "rows": InventoryService.render_rows(seats)}


@router.get("/flights/{flight_id}/availability")
async def availability(flight_id: int, inventory: InventoryService = Depends(_inventory)) -> dict[str, int]:
    return await inventory.availability(flight_id, utcnow())


@router.get("/flights/{flight_id}/adjacent")
async def adjacent(flight_id: int, party: int = 2, cabin: str = "Y", inventory: InventoryService = Depends(_inventory)) -> dict:
    seats = await inventory.seatmap(flight_id, utcnow())
    return {"seats": InventoryService.adjacent_free(seats, party, cabin.upper())}


@router.post("/flights/{flight_id}/holds", status_code=status.HTTP_201_CREATED)
async def place_hold(
    flight_id: int,
    body: HoldRequest,
    session: AsyncSession = Depends(get_session),
    holds: HoldService = Depends(_holds),
    principal: Principal = Depends(current_principal),
) -> dict:
    hold = await holds.place_hold(session, flight_id, body.seat_no.upper(), body.passenger_id)
    return {"hold_id": hold.id, "expires_at": hold.expires_at.isoformat()}


@router.post("/holds/{hold_id}/confirm")
async def confirm_hold(
    hold_id: int,
    body: ConfirmRequest,
    session: AsyncSession = Depends(get_session),
    holds: HoldService = Depends(_holds),
    principal: Principal = Depends(current_principal),
) -> dict:
    seat_no = await holds.confirm_hold(session, hold_id)
    return {"hold_id": hold_id, "booking_id": body.booking_id, "seat_no": seat_no}


@router.delete("/holds/{hold_id}", status_code=status.HTTP_204_NO_CONTENT)
async def release_hold(
    hold_id: int,
    session: AsyncSession = Depends(get_session),
    holds: HoldService = Depends(_holds),
    principal: Principal = Depends(current_principal),
) -> None:
    await holds.release_hold(session, hold_id)
