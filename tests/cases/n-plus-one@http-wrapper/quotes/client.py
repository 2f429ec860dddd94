"""Rates and stock clients: every request goes through one private helper."""
from decimal import Decimal
from typing import Any

import httpx

from .breaker import Breaker


class RatesClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self._breaker = Breaker()

    async def _get(self, path: str) -> dict[str, Any]:
        response = await self._http.get(path)
        response.raise_for_status()
        return response.json()

    async def pair(self, base: str, quote: str) -> Decimal:
        body = await self._breaker.call(self._get, f"/pair/{base}/{quote}")
        return Decimal(str(body["rate"]))

    async def latest(self, base: str) -> dict[str, Decimal]:
        body = await self._breaker.call(self._get, f"/latest/{base}")
        return {k: Decimal(str(v)) for k, v in body["rates"].items()}


class StockClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self._http.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    async def level(self, sku: str) -> int:
        data = await self._request("GET", f"/stock/{sku}")
        return int(data["level"])

    async def levels(self, skus: list[str]) -> dict[str, int]:
        data = await self._request("POST", "/stock/query", json={"skus": skus})
        return {row["sku"]: int(row["level"]) for row in data}

    async def health(self) -> bool:
        return bool(await self._request("GET", "/health"))


class InvoiceClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self.pending: set[str] = set()

    async def _request(self, method: str, path: str) -> dict[str, Any]:
        response = await self._http.request(method, path)
        response.raise_for_status()
        return response.json()

    async def poll_pending(self):
        for invoice in list(self.pending):
            status = await self._request("GET", f"/v1/invoices/{invoice}")  # expect: n-plus-one
            if status.get("paid"):
                yield invoice

    async def paid_stream(self):
        async for invoice in self.poll_pending():
            yield invoice
