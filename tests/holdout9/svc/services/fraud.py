from __future__ import annotations

import asyncio
import logging
from datetime import date
from uuid import UUID

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.fraud import FraudClient, FraudFeatures
from svc.db.models import Claim

logger = logging.getLogger(__name__)

MANUAL_REVIEW = "manual_review"


class FraudService:
    """Scores claims against the fraud model and routes suspicious ones to SIU review."""

    def __init__(self, client: FraudClient, session_factory: async_sessionmaker[AsyncSession], threshold: float) -> None:
        self._client = client
        self._session_factory = session_factory
        self._threshold = threshold
        self._inflight: set[asyncio.Task[None]] = set()

    def schedule(self, claim_id: UUID) -> None:
        task = asyncio.create_task(self.score_claim(claim_id), name=f"fraud-score-{claim_id}")
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    async def score_claim(self, claim_id: UUID) -> None:
        async with self._session_factory() as session:
            claim = await session.get(Claim, claim_id)
            if claim is None:
                logger.warning("fraud scoring skipped, claim %s vanished", claim_id)
                return
            features = FraudFeatures.from_claim(claim, days_since_loss=(date.today() - claim.loss_date).days)
            try:
                result = await self._client.score(features, include_history=True)
            except httpx.HTTPError as exc:
                logger.warning("fraud model unavailable for claim %s, routing to manual review: %s", claim_id, exc)
                claim.status = MANUAL_REVIEW
            else:
                claim.fraud_score = result.score
                if result.score >= self._threshold:
                    claim.status = MANUAL_REVIEW
            await session.commit()

    async def rescore(self, claim_ids: list[UUID]) -> int:
        """Re-run the current model over a set of open claims; returns how many were flagged."""
        async with self._session_factory() as session:
            claims = (await session.execute(select(Claim).where(Claim.id.in_(claim_ids)))).scalars().all()
            flagged: list[UUID] = []
            for claim in claims:
                result = await self._client.score(FraudFeatures.from_claim(claim, days_since_loss=(date.today() - claim.loss_date).days))
                if result.score >= self._threshold:
                    flagged.append(claim.id)
            if flagged:
                await session.execute(update(Claim).where(Claim.id.in_(flagged)).values(status=MANUAL_REVIEW))
                await session.commit()
        return len(flagged)

    async def rescore_submitted(self, claims: list[Claim]) -> int:
        """Batch variant used by the nightly model-refresh job."""
        flagged = 0
        for start in range(0, len(claims), 100):
            chunk = claims[start : start + 100]
            results = await self._client.score_batch([FraudFeatures.from_claim(c) for c in chunk])
            flagged += sum(1 for r in results if r.score >= self._threshold)
        return flagged
