from fastapi import APIRouter, HTTPException

from domain.booking import BookingDesk, RoomTaken

router = APIRouter()
desk = BookingDesk()


@router.post("/rooms/{room}/bookings")
async def book(room: str, slot: str) -> dict:
    try:
        booking_id = await desk.book(room, slot)
    except RoomTaken as exc:
        raise HTTPException(409, "room already booked") from exc
    return {"id": booking_id}


@router.post("/bookings/{booking_id}/move")
async def move(booking_id: int, slot: str) -> dict:
    try:
        await desk.move(booking_id, slot)
    except RoomTaken as exc:
        return {"ok": False, "error": str(exc)}  # expect: inconsistent-error-handling
    return {"ok": True}


@router.delete("/bookings/{booking_id}")
async def cancel(booking_id: int) -> dict:
    try:
        await desk.cancel(booking_id)
    except LookupError as exc:
        return {"cancelled": False, "error": repr(exc)}  # expect: inconsistent-error-handling
    return {"cancelled": True, "error": None}  # look-alike: no error text on success
