"""Provider clients: each sends its requests through one private helper."""
from typing import Any

import httpx

from kyc.breaker import CircuitBreaker


class IdentityClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = CircuitBreaker("identity")

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict:
        response = await self._http.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    async def applicant(self, ref: str) -> dict:
        return await self._breaker.call(self._request, "GET", f"/applicants/{ref}")

    async def documents(self, ref: str) -> dict:
        return await self._breaker.call(self._request, "GET", f"/applicants/{ref}/documents")

    async def reject(self, ref: str, reason: str) -> dict:
        return await self._request("POST", f"/applicants/{ref}/reject", json={"reason": reason})  # expect: no-circuit-breaker


class WatchlistClient:
    """Every method goes through the breaker: nothing bypasses it."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = CircuitBreaker("watchlist")

    async def _post(self, path: str, payload: dict) -> dict:
        response = await self._http.post(path, json=payload)
        response.raise_for_status()
        return response.json()

    async def screen(self, name: str) -> dict:
        return await self._breaker.call(self._post, "/screen", {"name": name})

    async def rescreen(self, case_id: str) -> dict:
        return await self._breaker.call(self._post, f"/cases/{case_id}/rescreen", {})


class AddressClient:
    """The helper itself runs inside the breaker, so calling it directly is guarded."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = CircuitBreaker("address")

    async def _get(self, path: str) -> dict:
        return await self._breaker.call(self._fetch, path)

    async def _fetch(self, path: str) -> dict:
        response = await self._http.get(path)
        response.raise_for_status()
        return response.json()

    async def lookup(self, postcode: str) -> dict:
        return await self._get(f"/postcodes/{postcode}")

    async def validate(self, line: str) -> dict:
        return await self._get(f"/validate?line={line}")
