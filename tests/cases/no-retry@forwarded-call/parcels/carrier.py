"""Carrier API client: every call goes through the breaker; all but one are retried."""
import httpx

from parcels.resilience import Breaker, retrying


class CarrierClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._breaker = Breaker()

    async def book(self, booking: dict, key: str) -> dict:
        async for attempt in retrying():
            with attempt:
                response = await self._breaker.call(self._http.post, "/shipments", json=booking,
                                                    headers={"Idempotency-Key": key})
                response.raise_for_status()
        return response.json()

    async def events(self, reference: str) -> list[dict]:
        async for attempt in retrying():
            with attempt:
                response = await self._breaker.call(self._http.get, f"/shipments/{reference}/events")
                response.raise_for_status()
        return response.json()["events"]

    async def label(self, reference: str) -> bytes:
        async for attempt in retrying():
            with attempt:
                response = await self._breaker.call(self._http.get, f"/shipments/{reference}/label")
                response.raise_for_status()
        return response.content

    async def cancel(self, reference: str) -> None:
        response = await self._breaker.call(self._http.delete, f"/shipments/{reference}")  # expect: no-retry
        response.raise_for_status()

    async def aclose(self) -> None:
        await self._http.aclose()
