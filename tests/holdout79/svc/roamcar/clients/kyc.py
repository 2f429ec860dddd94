"""Driving-licence verification through the external KYC provider."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)


class KycError(Exception):
    pass


class KycClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        # Document checks can take a while on the provider side.
        self._http = httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key}, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def submit_check(
        self, *, licence_number: str, country: str, full_name: str, image: bytes, reference: str
    ) -> str:
        data = {"document_type": "driving_licence", "number": licence_number, "country": country,
                "name": full_name, "reference": reference}
        for attempt in range(5):
            try:
                resp = await self._http.post("/v3/checks", data=data, files={"front": ("front.jpg", image, "image/jpeg")})
                resp.raise_for_status()
                return resp.json()["check_id"]
            except httpx.TransportError as exc:
                if attempt == 4:
                    raise KycError("licence check submission failed") from exc
                await asyncio.sleep(0.5 * 2 ** attempt)
        raise KycError("licence check submission failed")

    async def fetch_result(self, check_id: str) -> dict[str, Any]:
        resp = await self._http.get(f"/v3/checks/{check_id}")
        if resp.status_code == 404:
            raise KycError(f"unknown check {check_id}")
        resp.raise_for_status()
        return resp.json()
