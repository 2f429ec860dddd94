"""Rooms API."""
from fastapi import FastAPI

from rooms.hub import PresenceHub, RoomHub

app = FastAPI()
rooms = RoomHub()
presence = PresenceHub()


@app.post("/rooms/{room_id}/join")
async def join(room_id: int, conn: str) -> dict[str, bool]:
    await rooms.join(room_id, conn)
    await rooms.track(room_id)
    await presence.touch(1, 0.0)
    await presence.count()
    return {"ok": True}
