"""Mortgage-rate feed used by the affordability widget on listing pages."""
from __future__ import annotations

import json
import logging
import threading
from decimal import Decimal
from typing import Any

import httpx

from svc.cache import redis_holder
from svc.config import settings
from svc.errors import UpstreamUnavailable

log = logging.getLogger(__name__)

RATES_SNAPSHOT_KEY = "rates:snapshot"

_latest_rates: dict[str, Decimal] = {}
_snapshot_guard = threading.Lock()


class RateService:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.rates_feed_url)

    async def close(self) -> None:
        await self._http.aclose()

    async def current_rates(self) -> dict[str, str]:
        try:
            resp = await self._http.get("/rates/current", params={"products": "30y_fixed,15y_fixed,5_1_arm"})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpstreamUnavailable("mortgage rates are unavailable") from exc
        return {product: str(rate) for product, rate in resp.json()["rates"].items()}

    async def rate_history(self, product: str, days: int) -> list[dict[str, Any]]:
        cache_key = f"rates:history:{product}:{days}"
        try:
            resp = await self._http.get("/rates/history", params={"product": product, "days": days})
            resp.raise_for_status()
        except httpx.HTTPError:
            log.warning("rate history unavailable, serving cached copy", exc_info=True)
            cached = await redis_holder.cache.get(cache_key) if redis_holder.cache is not None else None
            return json.loads(cached) if cached else []
        history = resp.json()["points"]
        if redis_holder.cache is not None:
            await redis_holder.cache.set(cache_key, json.dumps(history), ex=86_400)
        return history

    async def refresh_snapshot(self) -> dict[str, Decimal]:
        with _snapshot_guard:  # readers never see a half-written snapshot
            resp = await self._http.get("/rates/current")
            resp.raise_for_status()
            rates = {product: Decimal(str(rate)) for product, rate in resp.json()["rates"].items()}
            _latest_rates.clear()
            _latest_rates.update(rates)
        if redis_holder.cache is not None:
            await redis_holder.cache.set(RATES_SNAPSHOT_KEY, json.dumps({k: str(v) for k, v in rates.items()}))
        return rates

    async def load_snapshot(self) -> None:
        if redis_holder.cache is None:
            return
        raw = await redis_holder.cache.get(RATES_SNAPSHOT_KEY)
        if raw:
            _latest_rates.update({k: Decimal(v) for k, v in json.loads(raw).items()})

    def monthly_payment(self, principal: Decimal, product: str, years: int = 30) -> Decimal | None:
        with _snapshot_guard:
            rate = _latest_rates.get(product)
        if rate is None:
            return None
        monthly = rate / Decimal(1200)
        n = years * 12
        return (principal * monthly / (1 - (1 + monthly) ** -n)).quantize(Decimal("0.01"))


rate_service = RateService()
