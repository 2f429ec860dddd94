"""Remote services of the tour booking app."""
from __future__ import annotations

import aiohttp
import httpx


class CurrencyApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=4.0)

    async def convert(self, amount: int, source: str, target: str) -> int:
        resp = await self._http.get("/convert", params={"amount": amount, "from": source, "to": target})
        resp.raise_for_status()
        return int(resp.json()["result"])


class CardGateway:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=8.0)

    async def authorise(self, amount: int, currency: str, token: str) -> str:
        resp = await self._http.post("/authorisations", json={"amount": amount, "currency": currency, "token": token})
        resp.raise_for_status()
        return resp.json()["id"]


class OperatorApi:
    """The tour operator's seat inventory, one session for the process."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=6))

    async def seats_left(self, tour_id: int) -> int:
        async with self._session.get(f"{self._base}/tours/{tour_id}/seats") as resp:
            resp.raise_for_status()
            return int((await resp.json())["left"])

    async def hold(self, tour_id: int, seats: int) -> str:
        async with self._session.post(f"{self._base}/tours/{tour_id}/holds", json={"seats": seats}) as resp:
            resp.raise_for_status()
            return (await resp.json())["hold_id"]
