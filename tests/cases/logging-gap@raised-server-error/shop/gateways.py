"""Clients for the shipping and tax partners."""
import httpx


class CarrierDown(Exception):
    pass


class TaxServiceError(Exception):
    pass


class CarrierClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def quote(self, parcel_id: str) -> dict:
        try:
            resp = await self._http.get(f"/quotes/{parcel_id}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise CarrierDown(parcel_id) from exc
        return resp.json()


class TaxClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def rate(self, region: str) -> float:
        try:
            resp = await self._http.get(f"/rates/{region}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise TaxServiceError(region) from exc
        return float(resp.json()["rate"])
