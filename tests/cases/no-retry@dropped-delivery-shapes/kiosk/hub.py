"""The venue hub: kiosk status, ticket cancellations and receipts."""
import asyncio

import aiohttp

_NETWORK = (aiohttp.ClientError, asyncio.TimeoutError)


class HubDown(Exception):
    pass


class HubClient:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    async def publish_status(self, kiosk_id: str, status: str) -> None:
        try:
            async with self._session.patch(f"{self._base}/kiosks/{kiosk_id}",  # expect: no-retry
                                           json={"status": status}) as resp:
                resp.raise_for_status()
        except _NETWORK as exc:
            raise HubDown(f"status of {kiosk_id} not published: {exc}") from exc


class BoxOfficeClient:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    async def cancel_ticket(self, ticket_id: str) -> bool:
        async with self._session.post(f"{self._base}/tickets/{ticket_id}/cancel") as resp:  # expect: no-retry
            if resp.status == 409:
                return False
            resp.raise_for_status()
            return True


class PrinterClient:
    """Look-alikes: failures raised after the gather, or left pending by a flush that stops."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))

    async def reprint(self, ticket_id: str) -> bool:
        async with self._session.post(f"{self._base}/tickets/{ticket_id}/reprint") as resp:
            resp.raise_for_status()
            return True

    async def push_receipt(self, receipt: dict) -> None:
        try:
            async with self._session.post(f"{self._base}/receipts", json=receipt) as resp:
                resp.raise_for_status()
        except _NETWORK as exc:
            raise HubDown(str(exc)) from exc
