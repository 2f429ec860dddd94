from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

from desk.errors import NotFound, install

app = FastAPI()
install(app)
router = APIRouter()
ROOMS: dict[int, dict] = {}
GUESTS: dict[int, dict] = {}


@router.get("/rooms/{room_id}")
async def get_room(room_id: int) -> dict:
    room = ROOMS.get(room_id)
    if room is None:
        raise NotFound("room not found")
    return room


@router.get("/guests/{guest_id}")
async def get_guest(guest_id: int):
    guest = GUESTS.get(guest_id)
    if guest is None:
        return JSONResponse(status_code=404, content={"detail": "guest not found"})  # expect: inconsistent-error-handling
    return guest


@router.get("/guests/{guest_id}/card")
async def guest_card(guest_id: int):
    guest = GUESTS.get(guest_id, {})
    return JSONResponse(status_code=200, content={"detail": guest.get("name", "")})


app.include_router(router)
