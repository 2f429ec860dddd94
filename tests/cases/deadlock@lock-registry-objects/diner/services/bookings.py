"""Moving a booking: booking first, then the new table (against the convention)."""
from diner.services.locking import booking_lock, guest_lock, table_lock


class Bookings:
    def __init__(self) -> None:
        self.tables: dict[str, str] = {}

    async def move(self, booking_id: str, table_id: str) -> None:
        async with booking_lock(booking_id):
            async with table_lock(table_id):  # expect: deadlock
                self.tables[booking_id] = table_id

    async def rename(self, guest_id: str, booking_id: str) -> None:
        async with guest_lock(guest_id):  # same order as Seating.greet: no cycle
            async with booking_lock(booking_id):
                self.tables.setdefault(booking_id, "")
