from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp

from ..settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FraudVerdict:
    score: float
    reasons: tuple[str, ...]


class FraudClient:
    """FraudLens risk scoring for card donations."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.fraud_base_url
        self._key = settings.fraud_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"X-Api-Key": self._key},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def score(self, donation_ref: str, amount_cents: int, email: str, ip: str | None = None) -> FraudVerdict:
        assert self._session is not None
        payload = {"reference": donation_ref, "amount": amount_cents, "email": email, "ip": ip}
        async with self._session.post(f"{self._base}/v1/score", json=payload) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return FraudVerdict(score=float(body["score"]), reasons=tuple(body.get("reasons", ())))
