from __future__ import annotations

import logging
from typing import Any

import aiohttp

from svc.config import Settings
from svc.errors import UpstreamError
from svc.resilience import CircuitBreaker, retry_transient

logger = logging.getLogger(__name__)


class CardIssuerClient:
    """Card-issuing processor: card lifecycle and push-to-card payouts."""

    def __init__(self, session: aiohttp.ClientSession, breaker: CircuitBreaker) -> None:
        self._session = session
        self._breaker = breaker

    @classmethod
    async def create(cls, settings: Settings) -> CardIssuerClient:
        session = aiohttp.ClientSession(
            base_url=settings.card_issuer_base_url,
            headers={"X-Api-Key": settings.card_issuer_api_key},
        )
        return cls(session, CircuitBreaker("card-issuer", fail_max=5, reset_timeout=60.0))

    async def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        async with self._session.request(method, path, **kwargs) as response:
            if response.status >= 500:
                raise UpstreamError(f"card issuer returned {response.status}")
            response.raise_for_status()
            return dict(await response.json())

    @retry_transient
    async def get_card(self, issuer_card_id: str) -> dict[str, Any]:
        return await self._breaker.call(self._json, "GET", f"cards/{issuer_card_id}")

    @retry_transient
    async def freeze_card(self, issuer_card_id: str) -> None:
        await self._json("POST", f"cards/{issuer_card_id}/freeze")

    @retry_transient
    async def push_to_card(self, issuer_card_id: str, amount_minor: int, currency: str, reference: str) -> str:
        body = await self._breaker.call(
            self._json,
            "POST",
            "payouts",
            json={"card_id": issuer_card_id, "amount": amount_minor, "currency": currency},
            headers={"Idempotency-Key": reference},
        )
        return str(body["payout_id"])

    async def aclose(self) -> None:
        await self._session.close()
