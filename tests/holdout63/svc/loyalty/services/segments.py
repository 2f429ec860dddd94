"""Segment queries for campaigns: which members a campaign rule targets."""
from __future__ import annotations

import heapq
import logging
from collections import defaultdict
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.db.models import Tier
from loyalty.repositories.members_repo import MembersRepository
from loyalty.repositories.transactions_repo import TransactionsRepository
from loyalty.utils.timeutil import utcnow

log = logging.getLogger(__name__)


class SegmentService:
    def __init__(self, txns: TransactionsRepository) -> None:
        self._txns = txns

    async def spend_by_member(self, lookback_days: int) -> dict[int, dict[str, int]]:
        rows = await self._txns.category_spend_since(utcnow() - timedelta(days=lookback_days))
        spend: defaultdict[int, dict[str, int]] = defaultdict(dict)
        for row in rows:
            spend[row["member_id"]][row["category"]] = int(row["spend"])
        return spend

    async def resolve(self, session: AsyncSession, rule: dict[str, Any]) -> list[int]:
        """Member ids matching a rule such as
        {"tiers": ["gold"], "region": "EU", "categories": ["wine"], "min_spend": 5000, "lookback_days": 90}."""
        members = MembersRepository(session)
        region = rule.get("region", "EU")
        candidates: list[int] = []
        for tier_name in rule.get("tiers", [t.value for t in Tier]):
            after = 0
            while True:
                page = await members.by_tier_and_region(Tier(tier_name), region, limit=1000, after_id=after)
                if not page:
                    break
                candidates.extend(m.id for m in page)
                after = page[-1].id

        categories = rule.get("categories")
        if not categories:
            return candidates

        spend = await self.spend_by_member(int(rule.get("lookback_days", 90)))
        min_spend = int(rule.get("min_spend", 0))
        selected: list[int] = []
        for member_id in candidates:
            total = sum(spend.get(member_id, {}).get(c, 0) for c in categories)
            if total >= min_spend and member_id not in selected:
                selected.append(member_id)
        return selected

    @staticmethod
    def merge(*segments: list[int]) -> list[int]:
        seen: set[int] = set()
        merged: list[int] = []
        for segment in segments:
            for member_id in segment:
                if member_id not in seen:
                    seen.add(member_id)
                    merged.append(member_id)
        return merged

    @staticmethod
    def top_spenders(spend: dict[int, dict[str, int]], n: int) -> list[tuple[int, int]]:
        totals = ((sum(by_cat.values()), member_id) for member_id, by_cat in spend.items())
        return [(member_id, total) for total, member_id in heapq.nlargest(n, totals)]

    @staticmethod
    def exclude(candidates: list[int], suppressed: list[int]) -> list[int]:
        blocked = set(suppressed)
        return [member_id for member_id in candidates if member_id not in blocked]
