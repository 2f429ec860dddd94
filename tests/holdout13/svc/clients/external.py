"""Smaller external services: FX rates, geocoding and the transactional mailer."""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from typing import Any

import httpx
import redis.asyncio as redis
import requests

from svc.config import settings

logger = logging.getLogger(__name__)


class FxClient:
    def __init__(self, http: httpx.AsyncClient, cache: redis.Redis) -> None:
        self._http = http
        self._cache = cache

    async def latest(self, base: str, quote: str) -> Decimal:
        resp = await self._http.get("/v1/latest", params={"base": base, "symbols": quote})
        resp.raise_for_status()
        return Decimal(str(resp.json()["rates"][quote]))

    async def latest_or_cached(self, base: str, quote: str) -> Decimal:
        key = f"fx:{base}:{quote}"
        try:
            resp = await self._http.get("/v1/rates", params={"base": base, "symbols": quote})
            resp.raise_for_status()
            rate = Decimal(str(resp.json()["rates"][quote]))
        except (httpx.HTTPError, KeyError):
            logger.warning("fx lookup failed for %s/%s, using cached rate", base, quote)
            cached = await self._cache.get(key)
            return Decimal(cached) if cached else Decimal("1")
        await self._cache.set(key, str(rate), ex=6 * 3600)
        return rate


def lookup_coordinates(address: str) -> tuple[float, float] | None:
    resp = requests.get(settings.geocoder_url, params={"q": address, "limit": 1}, timeout=5)
    resp.raise_for_status()
    hits = resp.json().get("features", [])
    if not hits:
        return None
    lon, lat = hits[0]["geometry"]["coordinates"]
    return float(lat), float(lon)


class Mailer:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.mailer_base_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send_confirmation(self, email: str, confirmation_code: str) -> None:
        payload: dict[str, Any] = {"template": "booking-confirmed", "to": email, "vars": {"code": confirmation_code}}
        resp = await self._http.post("/send", content=json.dumps(payload), headers={"Content-Type": "application/json"})
        resp.raise_for_status()

    async def send_no_show_notice(self, email: str, confirmation_code: str) -> None:
        resp = await self._http.post("/send", json={"template": "no-show", "to": email, "vars": {"code": confirmation_code}})
        resp.raise_for_status()
