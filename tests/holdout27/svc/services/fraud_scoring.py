"""Builds fraud features for a claim and stores the upstream score."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import httpx
from aiobreaker import CircuitBreakerError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.clients.fraud import FraudClient
from svc.db.models import Claim, FraudScore, Policy

logger = logging.getLogger(__name__)

_SEASONAL_LOSS_TYPES = frozenset({"storm", "flood", "freeze"})


class FeatureBuilder:
    def __init__(self, policy: Policy, prior_claims: Sequence[Claim]) -> None:
        self._policy = policy
        self._prior = prior_claims

    @lru_cache(maxsize=None)
    def seasonal_weight(self, loss_type: str, month: int) -> float:
        if loss_type not in _SEASONAL_LOSS_TYPES:
            return 1.0
        return 0.6 if month in (11, 12, 1, 2) else 1.4

    def build(self, claim: Claim) -> dict[str, Any]:
        policy_age_days = (claim.incident_date - self._policy.effective_from).days
        recent = [c for c in self._prior if (claim.incident_date - c.incident_date).days <= 365]
        return {
            "loss_type": claim.loss_type,
            "amount_ratio": claim.amount_claimed_cents / max(self._policy.coverage_limit_cents, 1),
            "policy_age_days": policy_age_days,
            "claims_last_year": len(recent),
            "days_to_report": (claim.reported_at.date() - claim.incident_date).days,
            "seasonal_weight": self.seasonal_weight(claim.loss_type, claim.incident_date.month),
            "near_expiry": (self._policy.expires_at - claim.incident_date).days < 30,
            "is_weekend": claim.incident_date.weekday() >= 5,
            "reported_on": date.today().isoformat(),
        }


class FraudScoringService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], client: FraudClient, max_parallel: int = 8) -> None:
        self._sessionmaker = sessionmaker
        self._client = client
        self._max_parallel = max_parallel

    async def score_claim(self, claim_id: int) -> None:
        async with self._sessionmaker() as session:
            claim = await session.get(Claim, claim_id, options=[selectinload(Claim.policy)])
            if claim is None:
                logger.warning("fraud scoring skipped: claim %s vanished", claim_id)
                return
            prior_stmt = (
                select(Claim)
                .where(Claim.policy_id == claim.policy_id, Claim.id != claim.id)
                .order_by(Claim.reported_at.desc())
                .limit(20)
            )
            prior = (await session.scalars(prior_stmt)).all()
            features = FeatureBuilder(claim.policy, prior).build(claim)
            try:
                result = await self._client.score(claim.id, features)
            except (CircuitBreakerError, httpx.HTTPError) as exc:
                logger.warning("fraud service unavailable for claim %s, routing to manual review: %s", claim_id, exc)
                claim.status = "triage"
                await session.commit()
                return
            stmt = pg_insert(FraudScore).values(
                claim_id=claim.id, score=result.score, model_version=result.model_version, reasons=list(result.reasons)
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=[FraudScore.claim_id],
                set_={"score": stmt.excluded.score, "model_version": stmt.excluded.model_version, "reasons": stmt.excluded.reasons},
            )
            await session.execute(stmt)
            await session.commit()

    async def rescore(self, claim_ids: Sequence[int]) -> None:
        semaphore = asyncio.Semaphore(self._max_parallel)

        async def _one(claim_id: int) -> None:
            async with semaphore:
                await self.score_claim(claim_id)

        await asyncio.gather(*(_one(cid) for cid in claim_ids))
