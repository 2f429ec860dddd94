"""Ticket issuing partner, reached over aiohttp; the body names our own booking for dedupe."""
import aiohttp


class TicketPartner:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def issue(self, booking_id: int, seat: str) -> str:
        payload = {"seat": seat, "client_reference": f"booking-{booking_id}"}
        async with self._session.post("/tickets", json=payload) as resp:  # expect: no-retry
            resp.raise_for_status()
            return (await resp.json())["ticket"]

    async def reissue(self, booking_id: int, seat: str) -> str:
        payload = {"seat": seat, "client_reference": f"booking-{booking_id}", "reissue": True}
        async with self._session.post("/tickets/reissue", json=payload) as resp:
            resp.raise_for_status()
            return (await resp.json())["ticket"]

    async def comment(self, ticket: str, text: str) -> None:
        async with self._session.post(f"/tickets/{ticket}/comments", json={"text": text}) as resp:
            resp.raise_for_status()
