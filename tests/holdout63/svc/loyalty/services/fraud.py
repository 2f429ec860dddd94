from __future__ import annotations

import logging
from dataclasses import dataclass

from loyalty.clients.fraud_client import FraudClient, FraudVerdict
from loyalty.config import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FraudDecision:
    allowed: bool
    score: float | None
    review: bool = False


class FraudService:
    def __init__(self, client: FraudClient, settings: Settings) -> None:
        self._client = client
        self._block_threshold = settings.fraud_block_threshold
        self._review_threshold = settings.fraud_block_threshold - 0.2

    async def assess_earn(self, member_id: int, store_id: str, amount_cents: int, currency: str) -> FraudDecision:
        payload = {
            "type": "earn",
            "member": member_id,
            "store": store_id,
            "amount": amount_cents,
            "currency": currency,
        }
        verdict = await self._client.score_transaction(payload=payload)
        return self._decide(verdict)

    async def assess_redemption(self, member_id: int, reward_sku: str, cost_points: int) -> FraudDecision:
        payload = {"type": "redeem", "member": member_id, "sku": reward_sku, "points": cost_points}
        try:
            verdict = await self._client.score_transaction(payload)
        except Exception:
            log.exception("fraud scoring unavailable for redemption by member %s; sending to manual review", member_id)
            return FraudDecision(allowed=True, score=None, review=True)
        return self._decide(verdict)

    def _decide(self, verdict: FraudVerdict) -> FraudDecision:
        if verdict.score >= self._block_threshold:
            return FraudDecision(allowed=False, score=verdict.score)
        if verdict.score >= self._review_threshold:
            log.info("fraud score %.3f flagged for review: %s", verdict.score, ", ".join(verdict.reasons))
            return FraudDecision(allowed=True, score=verdict.score, review=True)
        return FraudDecision(allowed=True, score=verdict.score)
