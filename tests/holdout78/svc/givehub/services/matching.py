from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx
import redis.asyncio as aioredis
from cachetools import TTLCache

from ..clients.employer_match import EmployerMatchClient, MatchPolicy
from ..db.models import Donor, Employer
from ..repositories.donors import PledgeRepository
from ..utils.locks import KeyedLocks
from .match_budget import MatchBudget, fiscal_year_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatchOutcome:
    employer_id: int
    amount_cents: int
    pending_policy: bool = False


class MatchingService:
    def __init__(
        self,
        pledges: PledgeRepository,
        client: EmployerMatchClient,
        budget: MatchBudget,
        locks: KeyedLocks,
        redis: aioredis.Redis,
    ) -> None:
        self._pledges = pledges
        self._client = client
        self._budget = budget
        self._locks = locks
        self._redis = redis
        self._policies: TTLCache[str, MatchPolicy] = TTLCache(maxsize=2048, ttl=600)

    async def _policy(self, employer: Employer) -> MatchPolicy | None:
        cached = self._policies.get(employer.external_ref)
        if cached is not None:
            return cached
        try:
            policy = await self._client.get_policy(employer.external_ref)
        except httpx.HTTPError as exc:
            # Matching is best effort at donation time; the nightly sweep retries pending matches.
            logger.warning("match policy for employer %s unavailable: %s", employer.id, exc)
            return None
        self._policies[employer.external_ref] = policy
        return policy

    async def apply_match(self, donation_id: int, donor: Donor, amount_cents: int) -> MatchOutcome | None:
        if donor.employer_id is None:
            return None
        employer = await self._pledges.employer(donor.employer_id)
        if employer is None:
            return None
        policy = await self._policy(employer)
        if policy is None:
            await self._redis.sadd("match:pending", donation_id)
            return MatchOutcome(employer.id, 0, pending_policy=True)
        wanted = min(int(amount_cents * policy.ratio), policy.per_donation_cap_cents)
        now = datetime.now(timezone.utc)
        async with self._locks.get(f"employer:{employer.id}"):
            granted = await self._budget.reserve(employer.id, wanted, employer.annual_cap_cents, now)
            if granted > 0:
                await self._pledges.record(donation_id, employer.id, granted, fiscal_year_of(now))
        return MatchOutcome(employer.id, granted)

    async def preview(self, employer: Employer, amount_cents: int) -> dict:
        now = datetime.now(timezone.utc)
        policy = await self._client.get_policy(employer.external_ref, fiscal_year=fiscal_year_of(now))
        left = await self._budget.remaining(employer.id, employer.annual_cap_cents, now)
        return {
            "ratio": policy.ratio,
            "would_match": min(int(amount_cents * policy.ratio), policy.per_donation_cap_cents, left),
        }

    async def apply_sponsor_match(self, campaign_id: int, amount_cents: int) -> int:
        """Campaign sponsors pledge a fixed pot that doubles donations until it runs out."""
        key = f"sponsor:pot:{campaign_id}"
        remaining = int(await self._redis.get(key) or 0)
        if remaining <= 0:
            return 0
        grant = min(remaining, amount_cents)
        await self._redis.set(key, remaining - grant)
        return grant
