"""Appraisal management company (AMC) vendor APIs."""
from __future__ import annotations

from typing import Any

import httpx

from ..utils.resilience import with_retry


class VendorClient:
    def __init__(self, name: str, base_url: str, token: str) -> None:
        self.name = name
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Token {token}"})

    async def place_order(self, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        async def _do() -> dict[str, Any]:
            resp = await self._http.post(
                "/orders", json=payload, headers={"Idempotency-Key": idempotency_key}
            )
            resp.raise_for_status()
            return resp.json()

        return await with_retry(_do)

    async def order_status(self, order_id: str) -> dict[str, Any]:
        resp = await self._http.get(f"/orders/{order_id}")
        resp.raise_for_status()
        return resp.json()

    async def download_report(self, order_id: str) -> bytes:
        resp = await self._http.get(f"/orders/{order_id}/report.xml", timeout=60.0)
        resp.raise_for_status()
        return resp.content

    async def aclose(self) -> None:
        await self._http.aclose()


class VendorRegistry:
    def __init__(self, vendors: dict[str, VendorClient], preferred: str) -> None:
        self._vendors = vendors
        self.preferred = preferred

    def get(self, name: str) -> VendorClient:
        return self._vendors[name]

    def names(self) -> list[str]:
        return list(self._vendors)

    async def aclose(self) -> None:
        for vendor in self._vendors.values():
            await vendor.aclose()
