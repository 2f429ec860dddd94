"""Outbound clients: the carrier booking API (httpx) and the invoice mailer (aiohttp)."""
from __future__ import annotations

import aiohttp
import httpx


class CarrierError(RuntimeError):
    pass


class CarrierClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def book(self, shipment_id: int, weight_g: int) -> str:
        try:
            resp = await self._http.post("/bookings", json={"shipment": shipment_id, "weight": weight_g})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise CarrierError(str(exc)) from exc
        return resp.json()["booking_ref"]


class Mailer:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))

    async def send_invoice(self, invoice_id: int, email: str) -> None:
        async with self._session.post(f"{self._base}/mail", json={"invoice": invoice_id, "to": email}) as resp:
            resp.raise_for_status()


class Ledger:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def post_entry(self, entry_id: int, cents: int) -> None:
        resp = await self._http.post("/entries", json={"id": entry_id, "cents": cents})
        resp.raise_for_status()
