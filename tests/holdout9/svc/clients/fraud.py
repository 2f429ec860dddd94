from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.db.models import Claim


@dataclass(frozen=True, slots=True)
class FraudFeatures:
    claim_id: str
    policy_id: str
    loss_type: str
    amount_claimed_cents: int
    days_since_loss: int
    description_length: int

    @classmethod
    def from_claim(cls, claim: Claim, days_since_loss: int = 0) -> FraudFeatures:
        return cls(
            claim_id=str(claim.id),
            policy_id=str(claim.policy_id),
            loss_type=claim.loss_type,
            amount_claimed_cents=claim.amount_claimed_cents,
            days_since_loss=days_since_loss,
            description_length=len(claim.description),
        )

    def as_payload(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FraudScore:
    score: float
    model_version: str
    reasons: tuple[str, ...]


_transient = retry(
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.2, max=2.0),
    retry=retry_if_exception_type(httpx.TransportError),
    reraise=True,
)


class FraudClient:
    """Client for the fraud-scoring model service."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(timeout, connect=1.0))

    @_transient
    async def score(self, features: FraudFeatures) -> FraudScore:
        resp = await self._http.post("/v1/score", json=features.as_payload())
        resp.raise_for_status()
        return self._parse(resp.json())

    @_transient
    async def score_batch(self, batch: list[FraudFeatures]) -> list[FraudScore]:
        resp = await self._http.post("/v1/score:batch", json={"items": [f.as_payload() for f in batch]})
        resp.raise_for_status()
        return [self._parse(item) for item in resp.json()["items"]]

    @staticmethod
    def _parse(body: dict[str, Any]) -> FraudScore:
        return FraudScore(
            score=float(body["score"]),
            model_version=str(body["model_version"]),
            reasons=tuple(body.get("reasons", ())),
        )

    async def aclose(self) -> None:
        await self._http.aclose()
