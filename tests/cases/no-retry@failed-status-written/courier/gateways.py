"""Outbound gateways: fax relay (aiohttp), payout rail (httpx), printer spooler (httpx)."""
from __future__ import annotations

import aiohttp
import httpx


class FaxRejected(Exception):
    """The relay answered, but not with 'queued'."""


class PayoutRefused(Exception):
    pass


class FaxRelay:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20))

    async def transmit(self, number: str, pdf: bytes) -> str:
        async with self._session.post(f"{self._base}/faxes", data={"to": number, "doc": pdf}) as resp:
            if resp.status != 201:
                raise FaxRejected(f"relay answered {resp.status}")
            return (await resp.json())["fax_id"]


class PayoutRail:
    def __init__(self, base: str) -> None:
        self._http = httpx.AsyncClient(base_url=base, timeout=10.0)

    async def push(self, payout_id: int, cents: int) -> None:
        try:
            resp = await self._http.post("/payouts", json={"ref": payout_id, "cents": cents},
                                         headers={"Idempotency-Key": f"payout-{payout_id}"})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise PayoutRefused(str(exc)) from exc


class Spooler:
    def __init__(self, base: str) -> None:
        self._http = httpx.AsyncClient(base_url=base, timeout=10.0)

    async def print_label(self, label_id: int, zpl: str) -> None:
        resp = await self._http.post("/jobs", json={"label": label_id, "zpl": zpl})
        if resp.status_code >= 400:
            raise PrinterBusy(resp.status_code)


class PrinterBusy(Exception):
    pass
