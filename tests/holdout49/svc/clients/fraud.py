from __future__ import annotations

import logging

import httpx

from svc.config import get_settings, outbound_headers
from svc.utils.resilience import CircuitBreaker, CircuitOpenError

log = logging.getLogger(__name__)

_breaker = CircuitBreaker("fraud", failure_threshold=3, reset_after=15)


class FraudClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._url = get_settings().fraud_url

    async def score_bid(self, bidder_id: int, lot_id: int, amount_cents: int, ip: str | None) -> float:
        async def _call() -> float:
            resp = await self._client.post(
                self._url,
                json={"user": bidder_id, "lot": lot_id, "amount": amount_cents, "ip": ip},
                headers=outbound_headers(),
                timeout=1.5,
            )
            resp.raise_for_status()
            return float(resp.json()["score"])

        try:
            return await _breaker.call(_call)
        except (CircuitOpenError, httpx.HTTPError) as exc:
            log.warning("fraud scoring unavailable, using neutral score: %s", exc)
            return 0.5

    async def score_account(self, user_id: int) -> float:
        resp = await self._client.get(f"{self._url}/accounts/{user_id}", headers=outbound_headers())
        resp.raise_for_status()
        return float(resp.json()["score"])
