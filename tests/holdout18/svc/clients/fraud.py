"""Fraud-check service client (risk score per checkout)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import aiohttp

from svc.clients.resilience import aiohttp_retry
from svc.config import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RiskScore:
    score: float
    decision: str
    reasons: tuple[str, ...] = ()


class FraudClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.fraud_base_url,
            headers={"X-Service": settings.service_name},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @aiohttp_retry()
    async def score(self, *, email: str, ip: str, amount: Decimal, seat_count: int) -> RiskScore:
        assert self._session is not None
        payload = {"email": email, "ip": ip, "amount": str(amount), "items": seat_count}
        async with self._session.post("/v2/score", json=payload) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return RiskScore(score=float(body["score"]), decision=body["decision"], reasons=tuple(body.get("reasons", ())))
