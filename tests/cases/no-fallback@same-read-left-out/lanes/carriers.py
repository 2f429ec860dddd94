"""Carrier directory, sending through the same HTTP client object as the rates client."""
import httpx


class CarrierClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def carrier(self, carrier_id: int) -> dict:
        resp = await self._http.get(f"/carriers/{carrier_id}")  # expect: no-fallback
        resp.raise_for_status()
        return resp.json()
