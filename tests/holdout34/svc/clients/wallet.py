"""Wallet service: credits winnings to fan balances after settlement."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import httpx

from svc.config import settings
from svc.errors import UpstreamError
from svc.resilience import CircuitBreaker

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Credit:
    fan_id: int
    bet_id: int
    amount: Decimal


class WalletClient:
    def __init__(self, breaker: CircuitBreaker) -> None:
        self._breaker = breaker
        self._http = httpx.AsyncClient(
            base_url=settings.wallet_base_url,
            timeout=httpx.Timeout(settings.wallet_timeout, connect=1.0),
        )

    async def credit_batch(self, market_id: int, credits: Sequence[Credit]) -> str | None:
        """Credit all winners of one market in a single idempotent call."""
        if not credits:
            return None
        payload = {
            "reference": f"market:{market_id}",
            "credits": [
                {"fan_id": c.fan_id, "bet_id": c.bet_id, "amount": str(c.amount)} for c in credits
            ],
        }
        headers = {"Idempotency-Key": f"settle-market-{market_id}"}
        delay = 0.25
        for attempt in range(1, 5):
            try:
                async with self._breaker:
                    resp = await self._http.post("/v1/credits/batch", json=payload, headers=headers)
                    resp.raise_for_status()
                return resp.json()["batch_id"]
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code < 500 or attempt == 4:
                    raise UpstreamError("wallet", f"credits for market {market_id} rejected") from exc
            except httpx.TransportError as exc:
                if attempt == 4:
                    raise UpstreamError("wallet", f"credits for market {market_id} failed") from exc
            logger.warning("wallet batch for market %s failed (attempt %d); retrying", market_id, attempt)
            await asyncio.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self._http.aclose()
