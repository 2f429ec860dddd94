"""Seating: table first, then booking (the convention)."""
from diner.services.locking import booking_lock, guest_lock, table_lock


class Seating:
    def __init__(self) -> None:
        self.seated: dict[str, str] = {}

    async def seat(self, table_id: str, booking_id: str) -> None:
        async with table_lock(table_id):
            async with booking_lock(booking_id):
                self.seated[booking_id] = table_id

    async def clear(self, table_id: str, booking_id: str) -> None:
        async with table_lock(table_id):
            async with booking_lock(booking_id):
                self.seated.pop(booking_id, None)

    async def greet(self, guest_id: str, booking_id: str) -> None:
        async with guest_lock(guest_id):
            async with booking_lock(booking_id):
                self.seated.setdefault(booking_id, "")
