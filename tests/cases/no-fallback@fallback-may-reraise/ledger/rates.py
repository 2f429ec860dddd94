"""Exchange rates: a feed client, and a service that serves stored rates when the feed is down."""
from __future__ import annotations

import logging
from decimal import Decimal

import httpx

log = logging.getLogger(__name__)


class UpstreamUnavailable(Exception):
    pass


class RatesClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def latest(self, base: str) -> dict[str, Decimal]:
        resp = await self._http.get("/v1/latest", params={"base": base})
        resp.raise_for_status()
        return {code: Decimal(str(value)) for code, value in resp.json()["rates"].items()}


class RatesService:
    def __init__(self, client: RatesClient, home: str = "EUR") -> None:
        self._client = client
        self._home = home
        self._stored: dict[str, Decimal] = {}

    async def live(self, base: str) -> dict[str, Decimal]:
        """Rates straight from the feed; the stored copy when the feed fails (home currency only)."""
        try:
            return await self._client.latest(base)
        except httpx.HTTPError as exc:
            log.warning("rates feed unavailable, serving stored rates")
            if base != self._home:
                raise UpstreamUnavailable("rates feed unavailable") from exc
            return dict(self._stored)
