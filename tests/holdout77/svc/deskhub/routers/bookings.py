from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from ..deps import booking_rate_limit, current_member, get_booking_service
from ..models import Member
from ..schemas import BookingIn, BookingOut, DeskBookingIn, MoveIn, SwapIn
from ..services.booking_service import BookingService

router = APIRouter(prefix="/bookings", tags=["bookings"])


@router.post("", response_model=BookingOut, status_code=201, dependencies=[Depends(booking_rate_limit)])
async def create_booking(body: BookingIn, member: Member = Depends(current_member),
                         svc: BookingService = Depends(get_booking_service)) -> BookingOut:
    booking = await svc.create_room_booking(member, body.space_id, body.starts_at, body.ends_at,
                                            body.title, body.promo_code)
    return BookingOut.model_validate(booking)


@router.post("/desks", response_model=BookingOut, status_code=201, dependencies=[Depends(booking_rate_limit)])
async def book_desk(body: DeskBookingIn, member: Member = Depends(current_member),
                    svc: BookingService = Depends(get_booking_service)) -> BookingOut:
    return BookingOut.model_validate(await svc.book_desk(member, body.location_id, body.day))


@router.post("/{booking_id}/move", response_model=BookingOut)
async def move_booking(booking_id: int, body: MoveIn, member: Member = Depends(current_member),
                       svc: BookingService = Depends(get_booking_service)) -> BookingOut:
    return BookingOut.model_validate(await svc.move_booking(booking_id, member, body.space_id))


@router.post("/swap", response_model=list[BookingOut])
async def swap_bookings(body: SwapIn, member: Member = Depends(current_member),
                        svc: BookingService = Depends(get_booking_service)) -> list[BookingOut]:
    first, second = await svc.swap_bookings(body.first_id, body.second_id, member)
    return [BookingOut.model_validate(first), BookingOut.model_validate(second)]


@router.delete("/{booking_id}", response_model=BookingOut)
async def cancel_booking(booking_id: int, member: Member = Depends(current_member),
                         svc: BookingService = Depends(get_booking_service)) -> BookingOut:
    return BookingOut.model_validate(await svc.cancel(booking_id, member))


@router.get("/mine", response_model=list[BookingOut])
async def my_bookings(upcoming: bool = Query(default=True), member: Member = Depends(current_member),
                      svc: BookingService = Depends(get_booking_service)) -> list[BookingOut]:
    return [BookingOut.model_validate(b) for b in await svc.list_member_bookings(member, upcoming)]
