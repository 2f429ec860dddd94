"""Ticket sales on top of the seat repository."""
from wallets.repo import SeatRepository


class SoldOut(Exception):
    pass


class TicketService:
    def __init__(self, seats: SeatRepository) -> None:
        self._seats = seats

    async def buy(self, event_id: int) -> None:
        event = await self._seats.get(event_id)
        if event is None:
            raise KeyError(event_id)
        if event["sold"] >= event["capacity"]:  # expect: race-condition
            raise SoldOut()
        await self._seats.add_sold(event_id)
