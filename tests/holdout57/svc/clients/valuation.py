"""Client for the vehicle-valuation service (httpx)."""
from __future__ import annotations

import asyncio
import logging
import random
from decimal import Decimal

import httpx

from svc.config import Settings

log = logging.getLogger(__name__)


class ValuationError(Exception):
    pass


class ValuationClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.valuation_base_url,
            timeout=None,
            limits=httpx.Limits(max_connections=40, max_keepalive_connections=10),
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def _get_with_retry(self, path: str, params: dict, attempts: int = 3) -> httpx.Response:
        for attempt in range(1, attempts + 1):
            try:
                response = await self._client.get(path, params=params)
                if response.status_code < 500:
                    return response
            except httpx.TransportError:
                if attempt == attempts:
                    raise
            await asyncio.sleep(min(0.2 * 2**attempt, 2.0) + random.random() / 10)
        return response

    async def actual_cash_value(self, vin: str, mileage: int, zip_code: str) -> Decimal:
        response = await self._get_with_retry("/v1/acv", {"vin": vin, "mileage": mileage, "zip": zip_code})
        response.raise_for_status()
        try:
            data = response.json()
            return Decimal(str(data["acv"]["amount"]))
        except (KeyError, ValueError) as exc:
            raise ValuationError(f"unexpected valuation payload for {vin}")

    async def decode_vin(self, vin: str) -> dict:
        response = await self._get_with_retry(f"/v1/vin/{vin}", {})
        response.raise_for_status()
        return response.json()
