from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from ..repositories.donors import PledgeRepository
from ..utils.locks import KeyedLocks


@lru_cache(maxsize=256)
def fiscal_year_start(fiscal_year: int) -> datetime:
    # UK charity fiscal year: 6 April.
    return datetime(fiscal_year, 4, 6, tzinfo=timezone.utc)


def fiscal_year_of(moment: datetime) -> int:
    return moment.year if (moment.month, moment.day) >= (4, 6) else moment.year - 1


class MatchBudget:
    """Tracks how much of an employer's annual matching cap has been pledged."""

    def __init__(self, pledges: PledgeRepository, locks: KeyedLocks) -> None:
        self._pledges = pledges
        self._locks = locks

    async def remaining(self, employer_id: int, annual_cap_cents: int, now: datetime) -> int:
        used = await self._pledges.pledged_since(employer_id, fiscal_year_start(fiscal_year_of(now)))
        return max(0, annual_cap_cents - used)

    async def reserve(self, employer_id: int, amount_cents: int, annual_cap_cents: int, now: datetime) -> int:
        async with self._locks.get(f"employer:{employer_id}"):
            left = await self.remaining(employer_id, annual_cap_cents, now)
            return min(left, amount_cents)
