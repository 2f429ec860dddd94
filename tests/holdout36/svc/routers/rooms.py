from __future__ import annotations

from fastapi import APIRouter, HTTPException

from svc.deps import SessionDep, StaffDep
from svc.repositories import rates as rates_repo
from svc.repositories import rooms as rooms_repo
from svc.schemas import RoomOut

router = APIRouter(prefix="/hotels/{hotel_id}/rooms", tags=["rooms"])


@router.get("", response_model=list[RoomOut])
async def list_rooms(hotel_id: int, session: SessionDep, staff: StaffDep) -> list[RoomOut]:
    rooms = await rooms_repo.list_rooms(session, hotel_id)
    plan_codes = await rates_repo.plan_codes_by_room_type(session, hotel_id)
    return [
        RoomOut(
            id=room.id,
            number=room.number,
            floor=room.floor,
            hk_status=room.hk_status,
            room_type_code=room.room_type.code,
            rate_plan_codes=plan_codes.get(room.room_type_id, []),
        )
        for room in rooms
    ]


@router.post("/{room_id}/out-of-order")
async def set_out_of_order(hotel_id: int, room_id: int, session: SessionDep, staff: StaffDep) -> dict[str, str]:
    room = await rooms_repo.get_room(session, room_id)
    if room is None or room.hotel_id != hotel_id:
        raise HTTPException(404, "room not found")
    room.out_of_order = True
    room.hk_status = "out_of_order"
    await session.commit()
    return {"status": "out_of_order"}
