class RoomTaken(Exception):
    pass


class BookingDesk:
    async def book(self, room: str, slot: str) -> int:
        if slot == "full":
            raise RoomTaken(room)
        return 1

    async def move(self, booking_id: int, slot: str) -> None:
        if slot == "full":
            raise RoomTaken(str(booking_id))

    async def cancel(self, booking_id: int) -> None:
        if booking_id < 0:
            raise LookupError(booking_id)
