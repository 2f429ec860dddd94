"""Fraud scoring service client (aiohttp)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp

from loyalty.config import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FraudVerdict:
    score: float
    reasons: list[str]


class FraudClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.fraud_base_url.rstrip("/")
        self._api_key = settings.fraud_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"X-Api-Key": self._api_key})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def score_transaction(self, payload: dict) -> FraudVerdict:
        assert self._session is not None, "FraudClient.start() not called"
        async with self._session.post(f"{self._base}/v1/score", json=payload) as response:
            response.raise_for_status()
            body = await response.json()
        return FraudVerdict(score=float(body["score"]), reasons=list(body.get("reasons", [])))

    async def report_outcome(self, txn_ref: str, fraudulent: bool) -> None:
        assert self._session is not None
        timeout = aiohttp.ClientTimeout(total=3)
        async with self._session.post(
            f"{self._base}/v1/feedback", json={"ref": txn_ref, "fraud": fraudulent}, timeout=timeout
        ) as response:
            if response.status >= 400:
                log.warning("fraud feedback for %s rejected with %s", txn_ref, response.status)

    async def score_many(self, payloads: list[dict]) -> list[FraudVerdict]:
        assert self._session is not None
        timeout = aiohttp.ClientTimeout(total=5, sock_connect=1)
        async with self._session.post(f"{self._base}/v1/score:batch", json={"items": payloads},
                                      timeout=timeout) as response:
            response.raise_for_status()
            body = await response.json()
        return [FraudVerdict(score=float(i["score"]), reasons=list(i.get("reasons", []))) for i in body["items"]]
