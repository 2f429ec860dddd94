"""Rate shopping: bookings retried in a block, the zone list through the shared policy."""
import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from shipping.resilience import http_retry, log_failures


class RatesClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @http_retry()
    async def zones(self) -> list[str]:
        resp = await self._http.get("/zones")
        resp.raise_for_status()
        return resp.json()["zones"]

    @log_failures("rates.quote")
    async def quote(self, origin: str, destination: str, grams: int) -> dict:
        resp = await self._http.get("/quotes", params={"from": origin, "to": destination, "g": grams})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()

    async def book(self, quote_id: str, key: str) -> dict:
        async for attempt in AsyncRetrying(stop=stop_after_attempt(3), retry=retry_if_exception_type(httpx.TransportError),
                                           reraise=True):
            with attempt:
                resp = await self._http.post(f"/quotes/{quote_id}/book", headers={"Idempotency-Key": key})
                resp.raise_for_status()
        return resp.json()

    async def feedback(self, quote_id: str, text: str) -> None:
        resp = await self._http.post(f"/quotes/{quote_id}/feedback", json={"text": text})
        resp.raise_for_status()
