"""Booking workflow: built per request by a factory the app looks up by name."""
from rental.deposits import DepositClient


class BookingService:
    def __init__(self, deposits: DepositClient) -> None:
        self._deposits = deposits

    async def reserve(self, booking_id: int, card_token: str, cents: int) -> str:
        hold = await self._deposits.hold(card_token, cents, f"hold-{booking_id}")
        return hold["id"]

    async def finish(self, hold_id: str, booking_id: int, cents: int) -> None:
        await self._deposits.settle(hold_id, cents, f"settle-{booking_id}")

    async def cancel(self, hold_id: str, booking_id: int) -> None:
        await self._deposits.release(hold_id, f"release-{booking_id}")
