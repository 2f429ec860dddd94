from __future__ import annotations

import enum
import logging

from ..clients.fraud_api import FraudClient
from ..repositories.donations import DonationRepository
from ..settings import Settings

logger = logging.getLogger(__name__)


class Decision(str, enum.Enum):
    ALLOW = "allow"
    REVIEW = "review"
    BLOCK = "block"


class FraudScreen:
    def __init__(self, client: FraudClient, donations: DonationRepository, settings: Settings) -> None:
        self._client = client
        self._donations = donations
        self._block = settings.fraud_block_threshold
        self._review = settings.fraud_review_threshold

    async def screen(self, donation_id: int, amount_cents: int, email: str, ip: str | None) -> Decision:
        verdict = await self._client.score(f"don-{donation_id}", amount_cents, email, ip=ip)
        await self._donations.set_fraud_score(donation_id, verdict.score)
        if verdict.score >= self._block:
            logger.warning("donation %s blocked: %s", donation_id, ",".join(verdict.reasons))
            return Decision.BLOCK
        if verdict.score >= self._review:
            return Decision.REVIEW
        return Decision.ALLOW
