from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

import httpx

from svc.feeds.base import FeedBatch, FeedError, FeedFormatError, OddsProvider, PriceUpdate
from svc.utils.resilience import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)


class BetgeniusProvider(OddsProvider):
    name = "betgenius"

    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"x-api-key": api_key, "accept": "application/json"},
            timeout=httpx.Timeout(4.0, connect=1.5),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._breaker = CircuitBreaker("betgenius", failure_threshold=4, reset_after_s=20)

    async def _get_delta(self, cursor: str | None) -> dict:
        params = {"since": cursor} if cursor else {}
        resp = await self._client.get("/odds/delta", params=params)
        resp.raise_for_status()
        return resp.json()

    async def fetch(self, cursor: str | None) -> FeedBatch:
        try:
            payload = await self._breaker.call(
                lambda: retry_async(lambda: self._get_delta(cursor), attempts=3, label="betgenius.delta",
                                    retry_on=(httpx.TransportError, httpx.HTTPStatusError))
            )
        except httpx.HTTPError as exc:
            raise FeedError(f"betgenius delta failed: {exc}") from exc
        return self._parse(payload)

    def _parse(self, payload: dict) -> FeedBatch:
        batch = FeedBatch(provider=self.name, cursor=payload.get("cursor"))
        for fixture in payload.get("fixtures", []):
            try:
                event_ref = fixture["fixtureId"]
                markets = fixture["markets"]
            except KeyError:
                raise FeedFormatError(f"fixture without id/markets: {list(fixture)[:5]}")
            for market in markets:
                for sel in market.get("selections", []):
                    try:
                        price = Decimal(str(sel["decimal"]))
                    except (KeyError, InvalidOperation) as exc:
                        raise FeedFormatError(f"bad price in {event_ref}/{market.get('id')}") from exc
                    batch.updates.append(
                        PriceUpdate(
                            provider=self.name,
                            event_ref=str(event_ref),
                            selection_ref=str(sel["id"]),
                            market=market.get("type", "unknown"),
                            price=price,
                            suspended=market.get("status") == "Suspended",
                        )
                    )
        batch.scores = payload.get("scores", [])
        return batch

    async def close(self) -> None:
        await self._client.aclose()
