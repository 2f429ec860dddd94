"""Guest storage."""
from __future__ import annotations


class GuestRepository:
    async def find_by_email(self, email: str) -> list:
        return []

    async def room(self, room_id: int):
        return None
