"""Vehicle valuation used for total-loss estimates."""
from __future__ import annotations

import logging
from decimal import Decimal

import httpx

from svc.clients.valuation import ValuationClient, ValuationError

log = logging.getLogger(__name__)

_acv_cache: dict[tuple[str, int, str], Decimal] = {}


class ValuationService:
    def __init__(self, client: ValuationClient) -> None:
        self._client = client

    async def total_loss_estimate(self, vin: str, mileage: int, zip_code: str, salvage_pct: Decimal) -> Decimal:
        key = (vin, mileage // 1000, zip_code)
        acv = _acv_cache.get(key)
        if acv is None:
            acv = await self._client.actual_cash_value(vin, mileage, zip_code)
            _acv_cache[key] = acv
        return (acv * (Decimal("1") - salvage_pct)).quantize(Decimal("0.01"))

    async def vehicle_profile(self, vin: str) -> dict:
        try:
            decoded = await self._client.decode_vin(vin)
        except (httpx.HTTPError, ValuationError):
            log.warning("VIN decode unavailable for %s", vin, exc_info=True)
            return {"vin": vin, "decoded": False}
        return {"vin": vin, "decoded": True, **decoded}
