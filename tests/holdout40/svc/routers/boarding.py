from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..db.models import BoardingPass, Booking, Flight
from ..errors import NotFound
from ..security import require_role
from ..services.boarding_pass import BoardingPassService

router = APIRouter(tags=["boarding"])

_rendered: dict[int, dict] = {}


def _service(request: Request) -> BoardingPassService:
    return request.app.state.boarding


async def _load(session: AsyncSession, booking_id: int) -> tuple[Booking, Flight, BoardingPass]:
    row = (
        await session.execute(
            select(Booking, Flight, BoardingPass)
            .join(Flight, Flight.id == Booking.flight_id)
            .join(BoardingPass, BoardingPass.booking_id == Booking.id)
            .where(Booking.id == booking_id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound("boarding pass not found", booking_id=booking_id)
    return row[0], row[1], row[2]


@router.get("/boarding-passes/{booking_id}")
async def boarding_pass(booking_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    if booking_id in _rendered:
        return _rendered[booking_id]
    booking, flight, bp = await _load(session, booking_id)
    rendered = {
        "booking_id": booking.id,
        "flight_no": flight.flight_no,
        "gate": flight.gate,
        "seat_no": booking.seat_no,
        "barcode": bp.barcode,
        "sequence": bp.sequence,
    }
    _rendered[booking_id] = rendered
    return rendered


@router.get("/boarding-passes/{booking_id}/wallet")
async def wallet(
    booking_id: int,
    session: AsyncSession = Depends(get_session),
    service: BoardingPassService = Depends(_service),
) -> FileResponse:
    booking, flight, bp = await _load(session, booking_id)
    path = await service.export_wallet(booking, flight, bp)
    return FileResponse(path, media_type="application/vnd.apple.pkpass")


@router.post("/flights/{flight_id}/boarding-passes/reprint", dependencies=[Depends(require_role("gate-agent"))])
async def reprint(
    flight_id: int,
    session: AsyncSession = Depends(get_session),
    service: BoardingPassService = Depends(_service),
) -> dict:
    return {"reprinted": await service.reprint_flight(session, flight_id)}
