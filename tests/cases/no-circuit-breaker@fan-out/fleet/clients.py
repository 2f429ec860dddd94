"""Device push, geocoding and e-mail providers."""
from __future__ import annotations

import aiohttp
import httpx


class DevicePush:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://push.example.com", timeout=5.0)

    async def notify(self, token: str, title: str) -> None:
        resp = await self._http.post("/v1/send", json={"token": token, "title": title})  # expect: no-circuit-breaker
        resp.raise_for_status()


class Geocoder:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def locate(self, address: str) -> dict:
        async with self._session.get("/geocode", params={"q": address}) as resp:  # expect: no-circuit-breaker
            return await resp.json()


class Mailer:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://mail.example.com", timeout=5.0)

    async def send(self, to: str, subject: str) -> None:
        resp = await self._http.post("/send", json={"to": to, "subject": subject})
        resp.raise_for_status()
