"""Video rooms for bookings, created once per booking on the video provider."""
from __future__ import annotations

import httpx

_rooms_by_booking: dict[int, str] = {}  # expect: global-mutable-state
_client = httpx.AsyncClient(base_url="https://video.example", timeout=5)


async def ensure_room(booking_id: int) -> str:
    """Another process has not seen this record and would create a second room."""
    if booking_id not in _rooms_by_booking:
        response = await _client.post("/rooms", json={"booking": booking_id})
        room = await _create_room_from(response)
        _rooms_by_booking[booking_id] = room["id"]
    return _rooms_by_booking[booking_id]


async def _create_room_from(response: httpx.Response) -> dict:
    return response.json()
