from __future__ import annotations

import asyncio
import logging

from svc.clients.fraud import FraudClient, FraudScore, FraudServiceError
from svc.infra.circuit import CircuitOpen

log = logging.getLogger(__name__)

MANUAL_REVIEW = FraudScore(score=-1.0, band="manual_review", reasons=("fraud service unavailable",))


class FraudService:
    def __init__(self, client: FraudClient) -> None:
        self._client = client
        self._rescore_limit = asyncio.Semaphore(8)

    @staticmethod
    def build_payload(claim, policy_snapshot: dict, prior_claims: int) -> dict:
        return {
            "claim_number": claim.claim_number,
            "policy_number": policy_snapshot["policy_number"],
            "product": policy_snapshot["product"],
            "loss_type": claim.loss_type,
            "loss_date": claim.loss_date.isoformat(),
            "policy_effective": policy_snapshot["effective_date"],
            "prior_claims": prior_claims,
            "vin": claim.vin,
            "description": claim.description[:4000],
        }

    async def score(self, payload: dict) -> FraudScore:
        try:
            return await self._client.score_claim(payload)
        except (FraudServiceError, CircuitOpen) as exc:
            log.warning("fraud scoring degraded for %s: %s", payload.get("claim_number"), exc)
            return MANUAL_REVIEW

    async def rescore_many(self, payloads: list[dict]) -> list[FraudScore]:
        async def one(payload: dict) -> FraudScore:
            async with self._rescore_limit:
                return await self.score(payload)

        return await asyncio.gather(*(one(p) for p in payloads))
